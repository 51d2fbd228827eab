# keten's messages, Dutch. Every id is also in the other catalogue.

error = fout
help = tip
list-or = { $first } of { $last }
list-and = { $first } en { $last }
and-more = … en nog { $count }
output-refused = keten bouwt de site niet in `{ $folder }`{ $real }: { $reason }
io-read = `{ $path }` kan niet worden gelezen: { $reason }
io-write = `{ $path }` kan niet worden geschreven: { $reason }
serve-listen = kan niet luisteren op { $address }: { $reason }
serve-ports-taken = de poorten { $first } tot en met { $last } op { $host } zijn allemaal bezet; kies een andere met --port
serve-watch = `{ $path }` kan niet worden gevolgd op wijzigingen: { $reason }
list-more =
    { $kind ->
        [warnings] … en nog { $count } { $count ->
            [one] waarschuwing
           *[other] waarschuwingen
        }
       *[problems] … en nog { $count } { $count ->
            [one] probleem
           *[other] problemen
        }
    }
list-found =
    { $kind ->
        [warnings] { $count } waarschuwingen gevonden
       *[problems] { $count } problemen gevonden
    }
summary-built =
    { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagina's
    }, { $sections ->
        [one] 1 sectie
       *[other] { $sections } secties
    } en { $files ->
        [one] 1 bestand
       *[other] { $files } bestanden
    } gebouwd in { $seconds } s
did-you-mean = bedoelde u `{ $name }`?
yaml-tab = deze regel springt in met een tab; gebruik spaties, geen tab: vervang de tab door twee spaties
yaml-no-fields = hier kan niets worden ingesteld
yaml-known-fields = de velden die hier kunnen: { $fields }
yaml-unknown-field =
    { $path ->
        [none] onbekend veld `{ $field }`
       *[other] in `{ $path }`: onbekend veld `{ $field }`
    }
yaml-missing-field =
    { $path ->
        [none] het veld `{ $field }` ontbreekt
       *[other] in `{ $path }`: het veld `{ $field }` ontbreekt
    }
yaml-wrong-type =
    `{ $path }` moet { $expected ->
        [integer] een geheel getal
        [number] een getal
        [boolean] true of false
        [text] tekst
        [list] een lijst
        [fields] een groep velden
       *[other] iets anders
    } zijn, niet { $found_kind ->
        [list] een lijst
        [fields] een groep velden
        [empty] leeg
       *[value] `{ $found }`
    }
yaml-colon-in-value = een waarde bevat `: `, en dat wordt gelezen als het begin van een nieuw veld
yaml-colon-hint = zet de waarde tussen aanhalingstekens, bijvoorbeeld title: "Agenda: speerpunten"
yaml-bad-character = dit teken mag hier niet staan
yaml-syntax = de velden van het bestand kunnen hier niet worden gelezen
yaml-syntax-hint = controleer het inspringen, en of elk aanhalingsteken is gesloten
yaml-other =
    { $path ->
        [none] de velden van het bestand kunnen niet worden gelezen: { $detail }
       *[other] in `{ $path }`: de waarde kan niet worden gelezen: { $detail }
    }
text-nul = het bestand bevat een NUL-teken (byte 0x00), en dat mag niet in een webpagina staan
text-nul-hint = in de meeste editors is het onzichtbaar: verwijder deze regel en typ hem opnieuw
name-not-utf8 = de bestandsnaam is geen UTF-8-tekst, dus keten kan er geen webadres van maken
name-not-utf8-hint = geef het bestand een andere naam (letters, cijfers en streepjes zijn het veiligst)
text-utf16 = het bestand is opgeslagen als UTF-16 ("Unicode" in Kladblok), niet als UTF-8
text-not-utf8 = het bestand is geen geldige UTF-8-tekst (byte 0x{ $byte })
text-not-utf8-hint = sla het bestand in uw editor op met de codering UTF-8
folder-is-file = `{ $path }` is een bestand; keten verwacht hier een map
folder-is-file-hint = geef het bestand een andere naam of verplaats het
folder-no-content = de site heeft geen map `content/`, dus er valt niets te bouwen; de gepubliceerde site blijft zoals hij is
folder-no-content-hint = start keten in de map van de site (die met config.yaml en content/), of geef die map op met --root
folder-link-nowhere = `{ $path }` is een symbolische koppeling naar iets dat niet bestaat
folder-link-nowhere-hint = verwijder de koppeling, of maak er een echte map van
folder-link-outside = `{ $path }` is een symbolische koppeling naar `{ $target }`, buiten de map van de site; keten leest en publiceert niets van buiten de site
folder-link-outside-hint = kopieer de bestanden naar de site in plaats van ernaar te koppelen
agenda-no-section = edities: er is geen sectiemap `{ $path }`
agenda-no-current = de huidige editie `{ $path }` bestaat niet
agenda-exists = `{ $path }` bestaat al; keten overschrijft nooit een editie
agenda-no-edition = er is geen editie `{ $path }`; begin er een met `keten agenda new { $period }`
agenda-no-current-line = in config.yaml staat onder `editions:` geen regel `current:`; pas die met de hand aan
agenda-bad-period = `{ $period }` is geen periode die keten kent; schrijf 2026-2027, 2026, 2026-voorjaar, 2026-najaar, 2026-1 of 2026-2
agenda-no-editions = config.yaml heeft geen `editions:`; voeg toe: `editions: { "{" } section: agenda, current: "2024-2025" { "}" }`
agenda-created = { $path } gemaakt als concept ({ $files } bestanden, gekopieerd uit { $from })
agenda-skipped-link = { $path } overgeslagen: een symbolische koppeling wordt niet gekopieerd
agenda-review = deze regels noemen nog { $period }; kijk ze na:
agenda-next-steps = { $current } blijft de huidige editie. Bekijk de nieuwe met `keten serve --drafts`; publiceer haar met `keten agenda publish { $period }`.
agenda-published = { $period } gepubliceerd: dat is nu de huidige editie, en { $previous } een eerdere
config-missing = geen `config.yaml` in `{ $path }`: geef de map van de site op met --root, of begin een site met `keten init MAP`
init-not-empty = `{ $path }` is niet leeg: keten init maakt alleen een site in een nieuwe of lege map
init-theme-missing = er is geen themamap `{ $path }`: geef het pad van de map van een thema op (zoals themes/g40), of laat --theme weg voor het ingebouwde thema `{ $builtin }`
init-theme-no-templates = `{ $path }` is geen thema: er staat geen map `templates/` in
init-theme-bad-name = de map `{ $path }` kan geen thema heten (`{ $name }`): de naam van de map van een thema heeft alleen letters, cijfers, `-`, `_` en `.`, en begint niet met `.`
new-exists = `{ $path }` bestaat al; keten new overschrijft nooit een bestand
new-bad-archetype = de kop van het sjabloon voor `{ $path }` kan niet worden gelezen: { $detail }
new-not-inside = `{ $path }` is geen pad binnen content/
new-bad-ending = `{ $path }` moet eindigen op `.md` (of op `/` voor een map met een pagina)
new-created =
    { $path } gemaakt{ $archetype ->
        [none] {""}
       *[other] {" "}uit { $archetype }
    } (een concept: `keten build --drafts` laat het zien)
output-cannot-follow = het pad kan niet worden gevolgd: { $reason }
output-cannot-follow-hint = een symbolische koppeling onderweg leidt nergens heen; herstel of verwijder haar
output-choose = kies een andere map met --output of met `output_dir` in config.yaml
output-is-site = het is de map van de site, of die map staat erin
output-inside = hij ligt in de map `{ $folder }` van de site
output-is-root = het is de hoofdmap van het bestandssysteem
output-is-file = het is een bestand, geen map
output-is-a-site = er staat een map `{ $folder }` in, dus het is een site
output-mount = het is een koppelpunt (mount point), en dat kan niet door een nieuwe map worden vervangen
output-mount-hint = laat de uitvoer in een map daarbinnen komen, bijvoorbeeld `--output /mnt/www/site`
output-not-ours-unknown = hij is niet leeg, en keten weet niet dat het hem heeft gebouwd
output-not-ours = er staan bestanden in die keten er niet heeft neergezet
output-not-ours-hint = keten vervangt alleen een map die nieuw of leeg is, of die keten zelf heeft gebouwd. Kies een andere map, of zet deze bestanden eerst ergens anders neer. Staat er alleen een site in die een oudere keten bouwde, verwijder de map dan zelf.
output-cannot-swap = de nieuwe site kan niet op zijn plaats worden gezet: { $reason }
output-cannot-swap-hint = keten bouwt de nieuwe site naast de uitvoermap en verwisselt de twee; in de map waarin de uitvoermap staat, moet keten kunnen schrijven. De vorige site is niet veranderd.
output-cannot-stage = `{ $path }` kan er niet naast worden gemaakt: { $reason }
output-cannot-stage-hint = keten schrijft de nieuwe site in een map naast de uitvoermap en verwisselt daarna de twee; in de map waarin de uitvoermap staat, moet keten dus kunnen schrijven
output-leaves = `{ $path }` wordt niet geschreven: het zou buiten de uitvoermap komen
output-old-not-removed = de vorige site kon niet worden verwijderd: { $reason }
output-old-not-removed-hint = de nieuwe site staat op zijn plaats; de volgende keer probeert keten het opnieuw
output-waiting =
    een andere keten-build schrijft `{ $folder }`{ $pid ->
        [none] {""}
       *[other] {" "}(pid { $pid })
    }; keten wacht tot die klaar is
serve-serving = De site staat op { $url } (Ctrl-C stopt)
serve-port-moved = Poort { $port } is bezet; keten gebruikt { $other }
serve-stopped = Gestopt.
serve-accept = een verbinding kon niet worden aangenomen: { $reason }
serve-built =
    De site is gebouwd in { $ms } ms: { $count ->
        [one] 1 bestand
       *[other] { $count } bestanden
    }
serve-fixed = Hersteld: opnieuw gebouwd in { $ms } ms
serve-rebuilt =
    Opnieuw gebouwd in { $ms } ms: { $count ->
        [one] 1 bestand
       *[other] { $count } bestanden
    } veranderd
serve-never-built = (de site is nog niet gebouwd: elke pagina toont deze fout tot hij is hersteld)
serve-last-good = (de laatste goede versie van de site blijft zichtbaar)
serve-overlay-title = De site kan niet worden gebouwd
serve-overlay-fix = Sla het bestand opnieuw op als de fout is hersteld; deze pagina ververst vanzelf.
serve-building = De site wordt gebouwd…
serve-forbidden = Deze server beantwoordt alleen verzoeken aan localhost.
serve-not-found = Niet gevonden
init-created = { $path } gemaakt
init-theme =
    { $path } gemaakt (het thema { $name }, { $files ->
        [one] 1 bestand
       *[other] { $files } bestanden
    })
init-skipped-link = { $path } van het thema overgeslagen: een symbolische koppeling wordt niet gekopieerd
init-next = Bekijk de site terwijl u schrijft met: keten serve --root { $path } (of bouw haar met: keten build --root { $path })
check-scheduled = gepland: { $file } verschijnt op { $date }
check-done =
    { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagina's
    }, { $sections ->
        [one] 1 sectie
       *[other] { $sections } secties
    } en { $files ->
        [one] 1 bestand
       *[other] { $files } bestanden
    } gecontroleerd: geen problemen
config-base-url = `base_url` moet een volledig http(s)-adres zijn, niet `{ $value }`
config-base-url-hint = bijvoorbeeld base_url: "https://www.example.nl/"
config-taxonomy-twice = de indeling (taxonomie) `{ $name }` staat er twee keer
config-taxonomy-name = de naam van de indeling (taxonomie) `{ $name }` mag alleen kleine letters, cijfers en streepjes bevatten
config-no-themes = er staat geen thema in `themes/`: haal de regel `theme:` weg, of zet de map van het thema erin
config-themes-available = beschikbare thema's: { $themes }
config-no-theme = het thema `{ $theme }` bestaat niet: er is geen map `themes/{ $theme }`
config-edition-outside = `editions.{ $field }` `{ $value }` leidt buiten de map content/ van de site
config-edition-section-hint = schrijf een map binnen content/, zoals agenda
config-edition-current-hint = schrijf de naam van één map in de sectie, zoals 2024-2025
config-security-contact = `security_txt.contact` moet `mailto:`- of `https://`-adressen bevatten
config-security-expires = `security_txt.expires` is geen datum in de vorm RFC 3339: `{ $value }`
config-security-expires-hint = bijvoorbeeld expires: "2027-06-30T00:00:00Z"
fm-not-closed = de kop van het bestand (de velden bovenaan) is niet afgesloten
fm-not-closed-hint = zet na het laatste veld een regel met alleen `---`
fm-bad-sort = `sort_by` kan niet `{ $value }` zijn
fm-bad-sort-hint = gebruik date, weight, title, none of extra.VELD
fm-bad-date = `{ $field }` is geen datum: `{ $value }`
fm-bad-date-hint = schrijf een datum als 2024-03-01, of met een tijd als 2024-03-01T14:30:00+01:00
fm-title-blank = de `title` is leeg
fm-title-blank-hint = zet de titel van de pagina achter `title:`; lezers en schermlezers hebben hem nodig
fm-none = de pagina heeft geen kop met velden (de titel en de rest)
fm-none-hint = begin het bestand met `---`, een regel `title: ...` en nog een regel `---`
slug-leaves = `slug` `{ $value }` zou buiten de uitvoermap komen
slug-leaves-hint = een slug is één woord of woorden met streepjes ertussen, zonder `/` of `..`
slug-empty = `slug` `{ $value }` heeft geen letters of cijfers om een adres van te maken
alias-leaves = het oude adres (alias) `{ $value }` zou buiten de uitvoermap komen
alias-leaves-hint = schrijf een oud adres van deze site, zoals /oud/adres/
file-unreadable = het bestand kan niet worden gelezen: { $reason }
tax-unknown = onbekende indeling (taxonomie) `{ $name }`
tax-declare = zet haar in config.yaml onder `taxonomies:`
tax-declared = de indelingen die er zijn: { $names }
tax-term-undeclared = `{ $term }` hoort niet bij `{ $taxonomy }`; config.yaml noemt welke termen er zijn
tax-terms = de termen van `{ $taxonomy }`: { $terms }
url-taken = `{ $first }` en `{ $second }` willen allebei het adres `/{ $folder }/`
url-taken-hint = geef een van beide een andere `slug` of bestandsnaam
editions-no-section = edities: er is geen sectie `content/{ $key }`
editions-no-current = edities: de huidige editie `{ $current }` is geen sectie in `content/{ $section }/`
editions-there = de edities die er zijn: { $periods }
link-left-out =
    `{ $link }` verwijst naar een pagina die { $reason ->
        [draft] een concept is (bouw met --drafts om haar mee te nemen)
        [future] een datum in de toekomst heeft (bouw met --future om haar mee te nemen)
       *[section] in een conceptsectie staat (bouw met --drafts om haar mee te nemen)
    }
link-climbs-out = `{ $link }` gaat buiten de map content/
link-missing = `{ $link }`: er is geen `content/{ $key }`
link-missing-suggest = bedoelde u `@/{ $name }`?
link-runs-code = `{ $scheme }:`-link: een link op deze site mag geen code uitvoeren in de browser van de lezer
link-runs-code-hint = link naar een pagina of een bestand; keten weigert `javascript:`-, `vbscript:`- en `data:text/html`-links
link-no-anchor =
    `{ $link }`: { $target ->
        [self] deze pagina
       *[other] `content/{ $target }`
    } heeft geen kop met id `{ $anchor }`
link-anchor-suggest = bedoelde u `#{ $id }`?
link-anchor-list = wel: { $ids }
menu-link = menu `{ $menu }`, onderdeel `{ $item }`: de link `{ $link }` leidt nergens heen
more-content-links = nog { $count } kapotte links tussen inhoudsbestanden staan niet in de lijst
more-site-links = nog { $count } links naar bestanden die de site niet heeft, staan niet in de lijst
more-rendered-links = nog { $count } kapotte links in gebouwde pagina's staan niet in de lijst
schema-missing = `{ $path }` ontbreekt
schema-required-by = het schema in `{ $file }` vraagt erom
schema-see = zie het schema in `{ $file }`
schema-not-unique = `{ $path }` is `{ $value }`, net als in `{ $other }`; het moet uniek zijn in de sectie
schema-wrong-type =
    `{ $path }` moet { $expected ->
        [integer] een geheel getal
        [number] een getal
        [boolean] true of false
        [date] een datum (2024-03-01)
        [list] een lijst
       *[text] tekst
    } zijn, niet `{ $found }`
schema-range = `{ $path }` is { $found }, buiten { $min }–{ $max }
schema-min-items = `{ $path }` heeft ten minste { $count } onderdeel/onderdelen nodig
schema-max-items = `{ $path }` mag ten hoogste { $count } onderdeel/onderdelen hebben
schema-not-allowed = `{ $path }` kan niet `{ $found }` zijn; toegestaan: { $allowed }
page-duplicate-id = het id `{ $id }` komt meer dan eens voor op de pagina
page-no-anchor = `{ $url }`: de pagina heeft geen id `{ $anchor }`
page-no-file = `{ $url }`: de site heeft zo'n bestand niet
page-foreign-source = `{ $url }` wordt van een andere website geladen: de site laadt niets van andere websites (geen tracking, niets waar de lezer niet om vroeg), en het beveiligingsbeleid van de site blokkeert het
foreign-source-hint = zet de afbeelding of het bestand bij de pagina (of in `static/`) en verwijs daarnaar; link naar een video op een andere website in plaats van hem in te sluiten
page-problem-on-pages = { $problem } (op { $count } pagina's)
page-problem-hint = het komt uit een sjabloon, of uit HTML in de Markdown van de pagina
site-link-missing = `{ $link }`: de site heeft geen `{ $path }`
htaccess-404 = `ErrorDocument` wijst naar `{ $target }`, en dat heeft deze site niet
htaccess-404-hint = de 404-pagina van deze site is `{ $path }`
clash = `{ $first }` en `{ $second }` schrijven allebei `{ $path }`
clash-hint = geef een van beide een andere naam, `slug` of alias
external-timeout = `{ $url }`: geen antwoord binnen { $seconds } s
external-status = `{ $url }`: de site antwoordt { $status }
external-unreachable = `{ $url }`: niet bereikbaar ({ $reason })
check-period-ended = de huidige editie `{ $period }` gaat over { $words }, en die periode liep tot en met { $end }
check-period-ended-hint = begin de volgende editie met `keten agenda new { $next }`; tot dan staat op de pagina's dat de periode voorbij is
check-no-alt = afbeelding zonder alt-tekst
check-no-alt-hint = beschrijf de afbeelding tussen de haken: ![Kaart van de regio](kaart.png)
history-shallow = dit is een ondiepe git-kloon: pagina's tonen daarom `updated` uit hun kop of de tijd van het bestand als laatste wijziging; haal de hele geschiedenis op (bijvoorbeeld `fetch-depth: 0`) voor de datums uit git
template-while = bij het bouwen van `{ $page }` met het sjabloon `{ $template }`
template-missing =
    { $origin }: het sjabloon `{ $name }` staat niet in `templates/`{ $theme ->
        [none] {""}
       *[other] {" "}en niet in `themes/{ $theme }/templates/`
    }
image-too-many-bytes = de afbeelding is { $size } MB, meer dan de grens van { $limit } MB (`images.max_source_bytes`)
image-too-many-pixels = de afbeelding is { $width }x{ $height } pixels, meer dan de grens van { $limit } pixels per zijde (`images.max_source_pixels`)
image-too-large-hint = sla de foto kleiner op (2000 pixels breed is genoeg voor een webpagina) en vervang het bestand; hij wordt toch gepubliceerd, maar dat gaat traag
image-unreadable = deze afbeelding kan niet worden gelezen: { $detail }
image-unreadable-hint = misschien is het bestand beschadigd, of is het niet echt een JPEG, PNG of WebP: open het in een fotobewerkingsprogramma en sla het opnieuw op
image-failed = deze afbeelding kan niet worden verwerkt: { $detail }
config-image-widths-empty = `images.widths` heeft minstens één breedte nodig, zoals [480, 960]
config-image-width-range = `images.widths` bevat { $width }; een breedte moet tussen 16 en 8192 liggen
config-image-quality = `images.quality` is { $quality }; dat moet tussen 1 en 100 liggen
image-not-an-image = de naam eindigt op .{ $extension }, maar het bestand bevat geen JPEG-, PNG- of WebP-afbeelding

# editor: the browser editor of `keten serve` (src/editor/)
editor-not-published = deze pagina staat niet op de site: een concept, een datum in de toekomst of in een conceptsectie
editor-required = Vul dit veld in.
editor-not-a-number = `{ $value }` is geen getal.
editor-bad-date = `{ $value }` is geen datum; schrijf jaar-maand-dag, zoals 2025-03-01.
editor-path-refused = `{ $path }` is geen bestand in content/ dat de editor mag openen
editor-not-found = `content/{ $path }` bestaat niet
editor-link = `{ $path }` is een symbolische koppeling; de editor volgt geen koppelingen
editor-exists = `{ $path }` bestaat al; de editor overschrijft nooit een bestand
editor-io = `{ $path }` kon niet worden verplaatst: { $reason }
editor-upload-type = `{ $name }` kan niet worden toegevoegd; toegestaan zijn: { $allowed }
editor-upload-too-big = het bestand is { $size } MB, meer dan de grens van { $limit } MB; sla het kleiner op
editor-upload-content = `{ $name }` bevat niet wat de naam zegt (de inhoud past niet bij de extensie)
editor-git-failed = git gaf een fout: { $reason }
editor-git-no-author = git weet niet wie u bent. Stel uw naam en e-mailadres één keer in, in een terminal: git config --global user.name "Uw Naam" en git config --global user.email "u@example.nl"
editor-git-not-changed = `{ $path }` heeft geen wijzigingen om vast te leggen
editor-git-nothing = kies ten minste één bestand om vast te leggen
editor-git-no-message = schrijf in een paar woorden wat er veranderd is
editor-foreign-origin = dit verzoek komt niet van een pagina van deze keten serve (de Origin klopt niet); een andere website mag hier niets veranderen
editor-patch-unreadable = de kop van het bestand kan niet worden gelezen: { $detail }
editor-patch-unsafe = `{ $path }` staat zo in het bestand dat de editor het niet veilig kan veranderen; verander het in een teksteditor
editor-no-preview = er is nog geen voorbeeld: de site kan deze pagina nu niet tonen
editor-title-needed = geef een titel met ten minste één letter of cijfer
editor-no-section = `{ $path }` is geen sectie van deze site
editor-url-taken = het adres { $url } is al van `{ $other }`; kies een andere titel
editor-not-built = de site is nog niet gebouwd; herstel eerst de fout die keten serve toont
editor-upload-none = kies eerst een bestand om toe te voegen
editor-git-committed = Vastgelegd als { $hash }. Deel het met anderen met git push.
editor-git-none = de map van deze site is geen git-repository, dus er zijn geen wijzigingen om te tonen
serve-editor = Bewerken in de browser: open { $url } (het adres bevat de sleutel van deze keer; deel het niet)
serve-editor-network = Let op: keten serve luistert op het netwerk en de editor staat aan; iedereen met dit adres kan de site bewerken.
serve-editor-off = De editor in de browser staat uit, omdat keten serve op het netwerk luistert; --editor-on-network zet hem aan.

-end = { "{% end %}" }
call-not-ended = de aanroep van `{ $name }` moet eindigen met `{ $close }`
call-form-hint =
    { $form ->
        [inline] een shortcode zonder tekst erbinnen
       *[body] een shortcode met tekst erbinnen
    } schrijft u als `{ $example }`
hugo-call = zo schrijft Hugo een shortcode; keten schrijft shortcodes zoals Zola dat doet
hugo-call-hint = schrijf `{ $example }`, met de naam van elk argument erbij, of zet de tekst tussen backticks (`) om hem te tonen zoals hij er staat
call-expected-argument = in de aanroep van `{ $name }` hoort hier de naam van een argument, of `)`
call-argument-hint = een argument schrijft u als `naam=waarde`, met komma's ertussen
call-expected-equals = na `{ $name }` hoort `=`
call-write = schrijf `{ $example }`
call-given-twice = `{ $name }` staat er twee keer
call-given-twice-hint = geef elk argument één keer
call-expected-comma = na een argument hoort `,` of `)`
call-expected-comma-hint = zet komma's tussen de argumenten
call-not-a-value = `{ $word }` is geen waarde
call-quote-text = tekst hoort tussen aanhalingstekens: `{ $example }`
call-expected-value = `{ $name }` heeft geen waarde
call-value-hint = een waarde is tekst tussen aanhalingstekens, een getal, `true`, `false` of een lijst `[…]`
call-unknown-escape = `{ $escape }` kan niet in een tekst staan
call-escape-hint = tussen aanhalingstekens kan na `\` alleen `"`, `'`, `\`, `n` of `t` komen: `\"`, `\'`, `\\`, `\n` of `\t`
call-unclosed-text = deze tekst wordt niet afgesloten met `{ $quote }`
call-unclosed-text-hint = sluit de tekst af met `{ $quote }`
not-a-number = `{ $value }` is geen getal
call-number-hint = schrijf een getal met een punt voor de decimalen (`1.5`), of zet tekst tussen aanhalingstekens
call-unclosed-list = deze lijst wordt niet afgesloten met `]`
call-unclosed-list-hint = sluit de lijst af met `]`
call-expected-list-comma = in een lijst hoort hier `,` of `]`
call-expected-list-comma-hint = zet komma's tussen de onderdelen van een lijst
shortcode-end-without-body = `{ -end }` zonder shortcode om af te sluiten
shortcode-end-without-body-hint = haal hem weg, of open de shortcode ervoor met `{ "{%" } naam(…) { "%}" }`
shortcode-body-not-closed = de tekst binnen `{ $name }` wordt niet afgesloten: `{ -end }` ontbreekt
shortcode-body-not-closed-hint = sluit de tekst af met `{ -end }` op een eigen regel; een shortcode zonder tekst erbinnen schrijft u als `{ "{{" } { $name }(…) { "}}" }`
shortcode-body-not-in-block = de tekst binnen `{ $name }` eindigt niet in het blok (de alinea, lijst of tabel) waarin hij begint
shortcode-body-not-in-block-hint = zet `{ "{%" } { $name }(…) { "%}" }` en `{ -end }` elk op een eigen regel, met de alinea's ertussen
shortcode-not-here = de shortcode `{ $name }` werkt hier niet
shortcode-not-here-hint = shortcodes werken in de tekst, in lijsten, tabellen, citaten en koppen; niet in voetnoten of in de beschrijving van een afbeelding
shortcode-no-component = het shortcode-sjabloon bevat geen component `{ $name }`
shortcode-no-component-hint = beschrijf de shortcode en zijn argumenten als een component met de naam van het bestand: `{ "{%" } component { $name }(tekst: string) { "%}" }…{ "{%" } endcomponent { $name } { "%}" }`
shortcode-bad-name = `{ $name }` kan geen naam van een shortcode zijn: u schrijft een shortcode als `{ "{{" } { $name }(…) { "}}" }`, dus de naam mag alleen letters, cijfers en `_` bevatten
shortcode-bad-name-hint = geef het bestand een andere naam, bijvoorbeeld `{ $file }`
shortcode-unknown = onbekende shortcode `{ $name }`
shortcode-none = deze site heeft geen shortcodes; een shortcode is een sjabloon `{ $path }`
shortcode-known = de shortcodes van deze site zijn { $names }
shortcode-needs-body = `{ $name }` heeft tekst erbinnen, dus u schrijft hem met `{ "{% … %}" }`
shortcode-needs-body-hint = schrijf `{ "{%" } { $name }(…) { "%}" }`, dan de tekst, dan `{ -end }`
shortcode-takes-no-body = `{ $name }` heeft geen tekst erbinnen, dus u schrijft hem met `{ "{{ … }}" }`
shortcode-takes-no-body-hint = schrijf `{ "{{" } { $name }(…) { "}}" }` en zet de tekst erachter, zonder `{ -end }`
shortcode-failed = de shortcode `{ $name }` is mislukt: { $report }
shortcode-failed-hint = de fout zit in `{ $template }`: in de aanroep hier of in het sjabloon
shortcode-failed-data-hint = controleer het gegevensbestand dat deze aanroep noemt (`{ $template }` leest het)
arg-unknown = `{ $shortcode }` heeft geen argument `{ $name }`
arg-none = `{ $shortcode }` heeft geen argumenten
arg-known = de argumenten van `{ $shortcode }` zijn { $names }
arg-missing = `{ $shortcode }` heeft het argument `{ $name }` nodig
arg-missing-hint = voeg `{ $example }` toe aan de aanroep (zie `{ $template }`)
arg-wrong-type =
    `{ $name }` van `{ $shortcode }` moet { $expected ->
        [text] tekst
        [boolean] `true` of `false`
        [integer] een geheel getal
        [number] een getal
        [list] een lijst
        [map] een groep velden (die u in een shortcode niet kunt schrijven)
       *[other] iets anders
    } zijn, niet { $found ->
        [text] tekst
        [integer] een geheel getal
        [decimal] een getal met decimalen
        [boolean] `true` of `false`
       *[list] een lijst
    }
arg-quote-hint = zet het tussen aanhalingstekens: `{ $example }`
arg-unquote-number = schrijf het getal zonder aanhalingstekens: `{ $example }`
arg-number-hint = schrijf een getal zonder aanhalingstekens, zoals `{ $example }`
arg-bool-hint = schrijf `{ $name }=true` of `{ $name }=false`, zonder aanhalingstekens
arg-list-hint = schrijf een lijst: `{ $example }`
arg-see-template = in het sjabloon staat wat `{ $name }` verwacht
arg-not-allowed = `{ $name }` van `{ $shortcode }` is `{ $given }`; dat moet { $allowed } zijn
arg-write-one = schrijf { $allowed }
data-site-unreadable = de map van de site kan niet worden gelezen: { $reason }
data-link-outside = `{ $path }` leidt naar buiten de map van de site (het is een symbolische koppeling); keten leest alleen gegevens uit de site zelf
data-extension = `{ $path }`: keten leest alleen bestanden op `.csv`, `.json`, `.yaml` en `.yml`
data-missing = er is geen gegevensbestand { $tried }
data-not-inside = `{ $path }` is geen pad binnen de site; noem een bestand naast de pagina (`cijfers.csv`) of vanuit de map van de site (`data/cijfers.csv`)
data-climbs-out = `{ $path }` gaat met `..` uit zijn map; keten leest alleen gegevens uit de site zelf
data-hidden = `{ $path }` is een verborgen bestand of map; keten leest en publiceert die niet
data-not-utf8 = `{ $path }` is geen UTF-8-tekst; sla het bestand op met de codering UTF-8
data-at = `{ $place }`: { $problem }
data-at-hint = `{ $place }`: { $problem } ({ $hint })
data-json = dit is geen geldige JSON: { $detail }
decimal-option = `decimal` moet "," of "." zijn, niet `{ $value }`
csv-cell-count =
    deze rij heeft { $cells ->
        [one] 1 cel
       *[other] { $cells } cellen
    }, de kopregel (de eerste regel) heeft er { $header }
csv-after-quote = er staat tekst na het aanhalingsteken dat de cel afsluit die op regel { $line } begint
csv-unclosed-quote = deze cel tussen aanhalingstekens wordt nergens afgesloten: er ontbreekt een `"`
chart-kind = `kind` is "bar" of "line", niet `{ $value }`
chart-no-table = de tabel heeft een kolom met namen nodig, en minstens één kolom en één rij met getallen
chart-no-numbers = de tabel heeft geen getallen om te tekenen
template-not-a-date = `{ $value }` is geen datum (verwacht: 2024-03-01 of RFC 3339)
template-no-such =
    er is geen { $what ->
        [page] pagina
        [section] sectie
       *[taxonomy] indeling (taxonomie)
    } `{ $key }`{ $suggest ->
        [none] {""}
       *[other] ; bedoelde u `{ $suggest }`?
    }
template-no-content-file = er is geen bestand `content/{ $key }`
theme-message = { $nl }
call-list-too-deep = hier staan lijsten meer dan { $depth } keer in elkaar
call-list-too-deep-hint = een shortcode neemt lijsten van waarden, of lijsten van zulke lijsten
shortcode-too-deep = hier staan shortcodes met tekst erbinnen meer dan { $depth } keer in elkaar
shortcode-too-deep-hint = sluit eerst een paar van de shortcodes eromheen af met `{ -end }`
