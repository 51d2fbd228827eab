# keten's messages, English. Every id is also in the other catalogue.

error = error
help = help
list-or = { $first } or { $last }
list-and = { $first } and { $last }
and-more = … and { $count } more
output-refused = refusing to write the output folder `{ $folder }`{ $real }: { $reason }
io-read = cannot read `{ $path }`: { $reason }
io-write = cannot write `{ $path }`: { $reason }
serve-listen = cannot listen on { $address }: { $reason }
serve-ports-taken = ports { $first } to { $last } on { $host } are all in use; choose another with --port
serve-watch = cannot watch `{ $path }` for changes: { $reason }
list-more =
    { $kind ->
        [warnings] … and { $count } more { $count ->
            [one] warning
           *[other] warnings
        }
       *[problems] … and { $count } more { $count ->
            [one] problem
           *[other] problems
        }
    }
list-found =
    { $kind ->
        [warnings] { $count } warnings found
       *[problems] { $count } problems found
    }
summary-built =
    Built { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }, { $sections ->
        [one] 1 section
       *[other] { $sections } sections
    }, { $files ->
        [one] 1 file
       *[other] { $files } files
    } in { $seconds } s
did-you-mean = did you mean `{ $name }`?
yaml-tab = this line is indented with a tab; YAML needs spaces: replace the tab with two spaces
yaml-no-fields = nothing can be set here
yaml-known-fields = the fields that can be set here: { $fields }
yaml-unknown-field =
    { $path ->
        [none] unknown field `{ $field }`
       *[other] in `{ $path }`: unknown field `{ $field }`
    }
yaml-missing-field =
    { $path ->
        [none] the field `{ $field }` is missing
       *[other] in `{ $path }`: the field `{ $field }` is missing
    }
yaml-wrong-type =
    `{ $path }` must be { $expected ->
        [integer] a whole number
        [number] a number
        [boolean] true or false
        [text] text
        [list] a list
        [fields] a group of fields
       *[other] something else
    }, not { $found_kind ->
        [list] a list
        [fields] a group of fields
        [empty] empty
       *[value] `{ $found }`
    }
yaml-colon-in-value = a value contains `: `, which reads as the start of a new field
yaml-colon-hint = put the value in quotes, e.g. title: "Agenda: speerpunten"
yaml-bad-character = this character cannot stand here
yaml-syntax = the fields of the file cannot be read here
yaml-syntax-hint = check the indentation, and that every quote is closed
yaml-other =
    { $path ->
        [none] the fields of the file cannot be read: { $detail }
       *[other] in `{ $path }`: the value cannot be read: { $detail }
    }
text-nul = the file contains a NUL character (byte 0x00), which a web page may not hold
text-nul-hint = it is invisible in most editors: delete this line and type it again
name-not-utf8 = the file name is not UTF-8 text, so keten cannot give it a web address
name-not-utf8-hint = rename the file (letters, digits and hyphens are safest)
text-utf16 = the file is saved as UTF-16 ("Unicode" in Notepad), not as UTF-8
text-not-utf8 = the file is not valid UTF-8 (byte 0x{ $byte })
text-not-utf8-hint = save the file with the encoding UTF-8 in your editor
folder-is-file = `{ $path }` is a file; keten expects a folder here
folder-is-file-hint = rename or move the file
folder-no-content = the site has no `content/` folder, so there is nothing to build; the published site is left as it is
folder-no-content-hint = run keten in the site folder (the one with config.yaml and content/), or pass it with --root
folder-link-nowhere = `{ $path }` is a symbolic link to something that does not exist
folder-link-nowhere-hint = remove the link, or make it a real folder
folder-link-outside = `{ $path }` is a symbolic link to `{ $target }`, outside the site folder; keten reads and publishes nothing from outside the site
folder-link-outside-hint = copy the files into the site instead of linking to them
agenda-no-section = editions: there is no section folder `{ $path }`
agenda-no-current = the current edition `{ $path }` does not exist
agenda-exists = `{ $path }` already exists; keten never overwrites an edition
agenda-no-edition = there is no edition `{ $path }`; start one with `keten agenda new { $period }`
agenda-no-current-line = could not find `current:` under `editions:` in config.yaml; set it by hand
agenda-bad-period = `{ $period }` is not a period keten knows; write it as 2026-2027, 2026, 2026-voorjaar, 2026-najaar, 2026-1 or 2026-2
agenda-no-editions = config.yaml has no `editions:`; add `editions: { "{" } section: agenda, current: "2024-2025" { "}" }`
agenda-created = created { $path } as a draft ({ $files } files, copied from { $from })
agenda-skipped-link = skipped { $path }: a symbolic link is not copied
agenda-review = these lines still name { $period }; check them:
agenda-next-steps = { $current } stays the current edition. Preview the new one with `keten serve --drafts`; publish it with `keten agenda publish { $period }`.
agenda-published = published { $period }: it is the current edition now, and { $previous } an earlier one
config-missing = no `config.yaml` in `{ $path }`: pass the site folder with --root, or start a site with `keten init DIR`
init-not-empty = `{ $path }` is not empty: keten init only creates a site in a new or empty folder
init-theme-missing = there is no theme folder `{ $path }`: give the path of a theme's folder (such as themes/g40), or leave --theme out for the built-in theme `{ $builtin }`
init-theme-no-templates = `{ $path }` is not a theme: it has no `templates/` folder
init-theme-bad-name = the folder `{ $path }` cannot name a theme (`{ $name }`): a theme's folder name has only letters, digits, `-`, `_` and `.`, and does not start with `.`
new-exists = `{ $path }` already exists; keten new never overwrites a file
new-bad-archetype = the archetype for `{ $path }` has bad front matter: { $detail }
new-not-inside = `{ $path }` is not a path inside content/
new-bad-ending = `{ $path }` should end in `.md` (or `/` for a page folder)
new-created =
    created { $path }{ $archetype ->
        [none] {""}
       *[other] {" "}from { $archetype }
    } (a draft: `keten build --drafts` shows it)
output-cannot-follow = cannot follow the path: { $reason }
output-cannot-follow-hint = a symbolic link on the way leads nowhere; fix or remove it
output-choose = choose another folder with --output or `output_dir` in config.yaml
output-is-site = it is the site folder or holds it
output-inside = it is inside the site's `{ $folder }` folder
output-is-root = it is the root of the file system
output-is-file = it is a file, not a folder
output-is-a-site = it holds a `{ $folder }` folder, so it is a site
output-mount = it is a mount point, which cannot be swapped for a new folder
output-mount-hint = point the output at a folder inside it, e.g. `--output /mnt/www/site`
output-not-ours-unknown = it is not empty, and keten has no record of building it
output-not-ours = it holds files that keten did not write there
output-not-ours-hint = keten only replaces a folder that is new, empty, or its own output. Choose another folder, or move these files somewhere else first. If the folder holds only a site built by an older keten, delete the folder yourself.
output-cannot-swap = cannot put the new site in place: { $reason }
output-cannot-swap-hint = keten builds the new site beside the output folder and swaps the two; the folder that holds the output must be writable. The previous site is unchanged.
output-cannot-stage = cannot create `{ $path }` beside it: { $reason }
output-cannot-stage-hint = keten writes the new site into a folder beside the output folder and then swaps the two, so the folder that holds the output must be writable
output-leaves = refusing to write `{ $path }`: it would leave the output folder
output-old-not-removed = could not remove the previous site: { $reason }
output-old-not-removed-hint = the new site is in place; the next build tries again
output-waiting =
    another keten build is writing `{ $folder }`{ $pid ->
        [none] {""}
       *[other] {" "}(pid { $pid })
    }; waiting for it to finish
serve-serving = Serving the site at { $url } (Ctrl-C to stop)
serve-port-moved = Port { $port } is in use; using { $other }
serve-stopped = Stopped.
serve-accept = could not accept a connection: { $reason }
serve-built =
    Built the site in { $ms } ms: { $count ->
        [one] 1 file
       *[other] { $count } files
    }
serve-fixed = Fixed: rebuilt in { $ms } ms
serve-rebuilt =
    Rebuilt in { $ms } ms: { $count ->
        [one] 1 file
       *[other] { $count } files
    } changed
serve-never-built = (the site has not built yet: every page shows this error until it is fixed)
serve-last-good = (still serving the last good version of the site)
serve-overlay-title = The site cannot be built
serve-overlay-fix = Save the file again once the mistake is fixed; this page updates by itself.
serve-building = The site is being built…
serve-forbidden = This server only answers requests for localhost.
serve-not-found = Not found
init-created = created { $path }
init-theme =
    created { $path } (the theme { $name }, { $files ->
        [one] 1 file
       *[other] { $files } files
    })
init-skipped-link = skipped { $path } of the theme: a symbolic link is not copied
init-next = See it while you write with: keten serve --root { $path } (or build it with: keten build --root { $path })
check-scheduled = scheduled: { $file } appears on { $date }
check-done =
    Checked { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }, { $sections ->
        [one] 1 section
       *[other] { $sections } sections
    }, { $files ->
        [one] 1 file
       *[other] { $files } files
    }: no problems
config-base-url = `base_url` must be an absolute http(s) URL, found `{ $value }`
config-base-url-hint = for example base_url: "https://www.example.nl/"
config-taxonomy-twice = taxonomy name `{ $name }` is declared twice
config-taxonomy-name = taxonomy name `{ $name }` must be lowercase letters, digits and hyphens
config-no-themes = there is no theme in `themes/`: remove the `theme:` line, or add the theme's folder
config-themes-available = themes available: { $themes }
config-no-theme = theme `{ $theme }` does not exist: there is no folder `themes/{ $theme }`
config-edition-outside = `editions.{ $field }` `{ $value }` leads outside the site's content folder
config-edition-section-hint = write a folder under content/, such as agenda
config-edition-current-hint = write the name of one folder in the section, such as 2024-2025
config-security-contact = `security_txt.contact` needs `mailto:` or `https://` addresses
config-security-expires = `security_txt.expires` is not an RFC 3339 date: `{ $value }`
config-security-expires-hint = for example expires: "2027-06-30T00:00:00Z"
fm-not-closed = the fields at the top of the file are not closed
fm-not-closed-hint = add a line with only `---` after the last field
fm-bad-sort = `sort_by` cannot be `{ $value }`
fm-bad-sort-hint = use date, weight, title, none, or extra.FIELD
fm-bad-date = `{ $field }` is not a date: `{ $value }`
fm-bad-date-hint = write a date as 2024-03-01, or with a time as 2024-03-01T14:30:00+01:00
fm-title-blank = the `title` is empty
fm-title-blank-hint = write the page's title after `title:`; readers and screen readers need it
fm-none = the page has no fields at the top (title and the rest)
fm-none-hint = start the file with `---`, a line `title: ...`, and another `---`
slug-leaves = `slug` `{ $value }` would leave the output folder
slug-leaves-hint = a slug is one word or words joined by hyphens, without `/` or `..`
slug-empty = `slug` `{ $value }` has no letters or digits to make a URL from
alias-leaves = alias `{ $value }` would leave the output folder
alias-leaves-hint = write an old address of this site, such as /oud/adres/
file-unreadable = cannot read the file: { $reason }
tax-unknown = unknown taxonomy `{ $name }`
tax-declare = declare it in config.yaml under `taxonomies:`
tax-declared = declared taxonomies: { $names }
tax-term-undeclared = `{ $term }` is not a term of `{ $taxonomy }`; config.yaml declares its terms
tax-terms = the terms of `{ $taxonomy }`: { $terms }
url-taken = `{ $first }` and `{ $second }` both want the URL `/{ $folder }/`
url-taken-hint = give one of them another `slug` or file name
editions-no-section = editions: there is no section `content/{ $key }`
editions-no-current = editions: the current edition `{ $current }` is not a section in `content/{ $section }/`
editions-there = editions there: { $periods }
link-left-out =
    `{ $link }` links to a page that is { $reason ->
        [draft] a draft (build with --drafts to include it)
        [future] dated in the future (build with --future to include it)
       *[section] in a draft section (build with --drafts to include it)
    }
link-climbs-out = `{ $link }` climbs out of the content folder
link-missing = `{ $link }`: there is no `content/{ $key }`
link-missing-suggest = did you mean `@/{ $name }`?
link-runs-code = `{ $scheme }:` link: a link on this site may not run code in the reader's browser
link-runs-code-hint = link to a page or a file instead; keten refuses `javascript:`, `vbscript:` and `data:text/html` links
link-no-anchor =
    `{ $link }`: { $target ->
        [self] this page
       *[other] `content/{ $target }`
    } has no heading with id `{ $anchor }`
link-anchor-suggest = did you mean `#{ $id }`?
link-anchor-list = it has { $ids }
menu-link = menu `{ $menu }`, item `{ $item }`: the link `{ $link }` leads nowhere
more-content-links = { $count } more broken links between content files are not listed
more-site-links = { $count } more links to files the site does not have are not listed
more-rendered-links = { $count } more broken links in rendered pages are not listed
schema-missing = `{ $path }` is missing
schema-required-by = the schema in `{ $file }` requires it
schema-see = see the schema in `{ $file }`
schema-not-unique = `{ $path }` is `{ $value }`, the same as in `{ $other }`; it must be unique in the section
schema-wrong-type =
    `{ $path }` must be { $expected ->
        [integer] a whole number
        [number] a number
        [boolean] true or false
        [date] a date (2024-03-01)
        [list] a list
       *[text] text
    }, found `{ $found }`
schema-range = `{ $path }` is { $found }, outside { $min }–{ $max }
schema-min-items = `{ $path }` needs at least { $count } item(s)
schema-max-items = `{ $path }` may have at most { $count } item(s)
schema-not-allowed = `{ $path }` cannot be `{ $found }`; allowed: { $allowed }
page-duplicate-id = the id `{ $id }` occurs more than once on the page
page-no-anchor = `{ $url }`: the page has no id `{ $anchor }`
page-no-file = `{ $url }`: the site has no such file
page-foreign-source = `{ $url }` is loaded from another website: the site loads nothing from other hosts (no tracking, nothing a reader did not ask for), and its security policy blocks it
foreign-source-hint = save the image or file beside the page (or in `static/`) and point to it there; for a video on another website, link to it instead of embedding it
page-problem-on-pages = { $problem } (on { $count } pages)
page-problem-hint = it comes from a template, or from raw HTML in the page's Markdown
site-link-missing = `{ $link }`: the site has no `{ $path }`
htaccess-404 = `ErrorDocument` points at `{ $target }`, which this site does not have
htaccess-404-hint = this site's 404 page is `{ $path }`
clash = `{ $first }` and `{ $second }` both write `{ $path }`
clash-hint = rename one of them, or give it another `slug` or alias
external-timeout = `{ $url }`: no answer within { $seconds } s
external-status = `{ $url }`: the site answers { $status }
external-unreachable = `{ $url }`: could not be reached ({ $reason })
check-period-ended = the current edition `{ $period }` covers { $words }, which ended on { $end }
check-period-ended-hint = start the next edition with `keten agenda new { $next }`; its pages say the period is over until then
check-no-alt = image without alt text
check-no-alt-hint = describe the image between the brackets: ![Kaart van de regio](kaart.png)
history-shallow = this is a shallow git clone, so pages show the front matter's `updated` or the file's time as their last change; fetch the whole history (e.g. `fetch-depth: 0`) for git dates
template-while = while rendering `{ $page }` with template `{ $template }`
template-missing =
    { $origin }: template `{ $name }` does not exist in `templates/`{ $theme ->
        [none] {""}
       *[other] {" "}or `themes/{ $theme }/templates/`
    }
image-too-many-bytes = image is { $size } MB, over the limit of { $limit } MB (`images.max_source_bytes`)
image-too-many-pixels = image is { $width }x{ $height } px, over the limit of { $limit } px a side (`images.max_source_pixels`)
image-too-large-hint = export the photo smaller (2000 px wide is plenty for a web page) and replace the file; it is published anyway, but slowly
image-unreadable = cannot read this image: { $detail }
image-unreadable-hint = the file may be damaged, or not really a JPEG, PNG or WebP: open it in an image editor and save it again
image-failed = cannot process this image: { $detail }
config-image-widths-empty = `images.widths` needs at least one width, such as [480, 960]
config-image-width-range = `images.widths` has { $width }; widths must be between 16 and 8192
config-image-quality = `images.quality` is { $quality }; it must be between 1 and 100
image-not-an-image = the name ends in .{ $extension }, but the file holds no JPEG, PNG or WebP image

# editor: the browser editor of `keten serve` (src/editor/)
editor-not-published = this page is not on the site: a draft, dated in the future, or in a draft section
editor-required = Fill in this field.
editor-not-a-number = `{ $value }` is not a number.
editor-bad-date = `{ $value }` is not a date; write year-month-day, such as 2025-03-01.
editor-path-refused = `{ $path }` is not a file in content/ that the editor may open
editor-not-found = `content/{ $path }` does not exist
editor-link = `{ $path }` is a symbolic link; the editor follows no links
editor-exists = `{ $path }` already exists; the editor never overwrites a file
editor-io = `{ $path }` could not be moved: { $reason }
editor-upload-type = `{ $name }` cannot be added; allowed are: { $allowed }
editor-upload-too-big = the file is { $size } MB, more than the limit of { $limit } MB; save it smaller
editor-upload-content = `{ $name }` does not hold what its name says (the content does not match the extension)
editor-git-failed = git failed: { $reason }
editor-git-no-author = git does not know who you are. Set your name and email once, in a terminal: git config --global user.name "Your Name" and git config --global user.email "you@example.org"
editor-git-not-changed = `{ $path }` has no changes to commit
editor-git-nothing = choose at least one file to commit
editor-git-no-message = say in a few words what changed
editor-foreign-origin = this request does not come from a page of this keten serve (its Origin does not match); another website may not change anything here
editor-patch-unreadable = the front matter cannot be read: { $detail }
editor-patch-unsafe = `{ $path }` is written in a way the editor cannot change safely; change it in a text editor
editor-no-preview = there is no preview yet: the site cannot show this page now
editor-title-needed = give a title with at least one letter or digit
editor-no-section = `{ $path }` is not a section of this site
editor-url-taken = the address { $url } belongs to `{ $other }` already; choose another title
editor-not-built = the site has not built yet; fix the error keten serve shows first
editor-upload-none = choose a file to add first
editor-git-committed = Committed as { $hash }. Share it with git push.
editor-git-none = this site's folder is not a git repository, so there are no changes to show
serve-editor = Edit in the browser: open { $url } (the address holds this run's key; do not share it)
serve-editor-network = Note: keten serve listens on the network and the editor is on; anyone with this address can edit the site.
serve-editor-off = The browser editor is off, as keten serve listens on the network; --editor-on-network turns it on.

-end = { "{% end %}" }
call-not-ended = expected `{ $close }` to end the call of `{ $name }`
call-form-hint =
    { $form ->
        [inline] an inline call
       *[body] a body call
    } is written `{ $example }`
hugo-call = this is Hugo's way of calling a shortcode; keten calls them as Zola does
hugo-call-hint = write `{ $example }` with named arguments, or put the text between backticks to show it as written
call-expected-argument = expected an argument name or `)` in the call of `{ $name }`
call-argument-hint = arguments are written `name=value`, separated by commas
call-expected-equals = expected `=` after `{ $name }`
call-write = write `{ $example }`
call-given-twice = `{ $name }` is given twice
call-given-twice-hint = give each argument once
call-expected-comma = expected `,` or `)` after an argument
call-expected-comma-hint = separate arguments with commas
call-not-a-value = `{ $word }` is not a value
call-quote-text = text goes in quotes: `{ $example }`
call-expected-value = expected a value for `{ $name }`
call-value-hint = a value is text in quotes, a number, `true`, `false` or a list `[…]`
call-unknown-escape = unknown escape `{ $escape }` in text
call-escape-hint = inside quotes, write `\"`, `\'`, `\\`, `\n` or `\t`
call-unclosed-text = this text has no closing `{ $quote }`
call-unclosed-text-hint = end the text with `{ $quote }`
not-a-number = `{ $value }` is not a number
call-number-hint = write numbers with a point for decimals (`1.5`), or put text in quotes
call-unclosed-list = this list has no closing `]`
call-unclosed-list-hint = end the list with `]`
call-expected-list-comma = expected `,` or `]` in a list
call-expected-list-comma-hint = separate the items of a list with commas
shortcode-end-without-body = `{ -end }` without a shortcode body to end
shortcode-end-without-body-hint = remove it, or open the body before it with `{ "{%" } name(…) { "%}" }`
shortcode-body-not-closed = the body of `{ $name }` is not closed: `{ -end }` is missing
shortcode-body-not-closed-hint = end the body with `{ -end }` on a line of its own; a shortcode without a body is written `{ "{{" } { $name }(…) { "}}" }`
shortcode-body-not-in-block = the body of `{ $name }` does not end in the block it starts in
shortcode-body-not-in-block-hint = put `{ "{%" } { $name }(…) { "%}" }` and `{ -end }` each on a line of their own, with the body's paragraphs between them
shortcode-not-here = the shortcode `{ $name }` cannot be used here
shortcode-not-here-hint = shortcodes work in the text, lists, tables, quotes and headings; not in footnotes or image descriptions
shortcode-no-component = the shortcode template defines no component `{ $name }`
shortcode-no-component-hint = declare the shortcode and its arguments as a component named after the file: `{ "{%" } component { $name }(tekst: string) { "%}" }…{ "{%" } endcomponent { $name } { "%}" }`
shortcode-bad-name = `{ $name }` cannot be a shortcode's name: it is called as `{ "{{" } { $name }(…) { "}}" }`, so it can have only letters, digits and `_`
shortcode-bad-name-hint = rename the file, e.g. to `{ $file }`
shortcode-unknown = unknown shortcode `{ $name }`
shortcode-none = this site has no shortcodes; a shortcode is a template `{ $path }`
shortcode-known = the shortcodes of this site are { $names }
shortcode-needs-body = `{ $name }` has a body, so it is called with `{ "{% … %}" }`
shortcode-needs-body-hint = write `{ "{%" } { $name }(…) { "%}" }`, the body, then `{ -end }`
shortcode-takes-no-body = `{ $name }` takes no body, so it is called with `{ "{{ … }}" }`
shortcode-takes-no-body-hint = write `{ "{{" } { $name }(…) { "}}" }` and put the text after it, without `{ -end }`
shortcode-failed = the shortcode `{ $name }` failed: { $report }
shortcode-failed-hint = the error is in `{ $template }`, in the call here or in the template
shortcode-failed-data-hint = check the data file this call names (`{ $template }` reads it)
arg-unknown = `{ $shortcode }` has no argument `{ $name }`
arg-none = `{ $shortcode }` takes no arguments
arg-known = `{ $shortcode }` takes { $names }
arg-missing = `{ $shortcode }` needs the argument `{ $name }`
arg-missing-hint = add `{ $example }` to the call (see `{ $template }`)
arg-wrong-type =
    `{ $name }` of `{ $shortcode }` must be { $expected ->
        [text] text
        [boolean] `true` or `false`
        [integer] a whole number
        [number] a number
        [list] a list
        [map] a map (which a shortcode call cannot write)
       *[other] something else
    }, not { $found ->
        [text] text
        [integer] a whole number
        [decimal] a decimal number
        [boolean] `true` or `false`
       *[list] a list
    }
arg-quote-hint = put it in quotes: `{ $example }`
arg-unquote-number = write the number without quotes: `{ $example }`
arg-number-hint = write a number without quotes, such as `{ $example }`
arg-bool-hint = write `{ $name }=true` or `{ $name }=false`, without quotes
arg-list-hint = write a list: `{ $example }`
arg-see-template = see the template for what `{ $name }` takes
arg-not-allowed = `{ $name }` of `{ $shortcode }` is `{ $given }`; it must be { $allowed }
arg-write-one = write { $allowed }
data-site-unreadable = cannot read the site folder: { $reason }
data-link-outside = `{ $path }` leads outside the site folder (a symbolic link); keten reads data only from inside the site
data-extension = `{ $path }`: keten reads `.csv`, `.json`, `.yaml` and `.yml` files
data-missing = there is no data file { $tried }
data-not-inside = `{ $path }` is not a path inside the site; name a file beside the page (`cijfers.csv`) or from the site folder (`data/cijfers.csv`)
data-climbs-out = `{ $path }` climbs out of its folder with `..`; keten reads data only from inside the site
data-hidden = `{ $path }` is a hidden file or folder; keten reads and publishes none
data-not-utf8 = `{ $path }` is not UTF-8 text; save it as UTF-8
data-at = `{ $place }`: { $problem }
data-at-hint = `{ $place }`: { $problem } ({ $hint })
data-json = this is not valid JSON: { $detail }
decimal-option = `decimal` must be "," or ".", not `{ $value }`
csv-cell-count =
    this row has { $cells ->
        [one] 1 cell
       *[other] { $cells } cells
    }, the header (the first line) has { $header }
csv-after-quote = text after the closing quote of a cell opened on line { $line }
csv-unclosed-quote = this quoted cell is never closed: a `"` is missing
chart-kind = `kind` is "bar" or "line", not `{ $value }`
chart-no-table = the table needs a column of names and at least one column and row of numbers
chart-no-numbers = the table has no numbers to draw
template-not-a-date = `{ $value }` is not a date (expected 2024-03-01 or RFC 3339)
template-no-such =
    there is no { $what ->
        [page] page
        [section] section
       *[taxonomy] taxonomy
    } `{ $key }`{ $suggest ->
        [none] {""}
       *[other] ; did you mean `{ $suggest }`?
    }
template-no-content-file = there is no content file `{ $key }`
theme-message = { $en }
call-list-too-deep = lists are nested more than { $depth } deep here
call-list-too-deep-hint = a shortcode takes lists of values, or lists of such lists
shortcode-too-deep = shortcode bodies are nested more than { $depth } deep here
shortcode-too-deep-hint = end some of the bodies around this one with `{ -end }` first
