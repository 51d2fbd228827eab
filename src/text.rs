//! Text files as editors save them: UTF-8, with or without the byte order mark Notepad
//! writes. What no web page may hold is refused with its place in the file.

use std::path::Path;

use crate::error::{Diagnostic, Position};
use crate::msg;

/// Reads the bytes of a file as UTF-8, pointing at the first bad byte if they are not.
/// A byte order mark (Notepad writes one) is dropped; a NUL character is refused, since
/// no web page may hold one and it is invisible in most editors.
pub fn decode(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    let mut text = utf8(bytes, file)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if let Some(offset) = text.find('\0') {
        let position = Position::at_offset(&text, offset);
        return Err(Diagnostic::new(file, msg!("text-nul"))
            .at(&text, position)
            .with_hint(msg!("text-nul-hint")));
    }
    Ok(text)
}

fn utf8(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // Notepad's "Unicode" and "Unicode big endian": name the encoding, not a byte.
        return Err(Diagnostic::new(file, msg!("text-utf16"))
            .at("", Position { line: 1, column: 1 })
            .with_hint(msg!("text-not-utf8-hint")));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let position = Position::at_offset(&text, valid);
        let byte = format!("{:02X}", bytes[valid]);
        Diagnostic::new(file, msg!("text-not-utf8", byte = byte))
            .at(&text, position)
            .with_hint(msg!("text-not-utf8-hint"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let error =
            decode(b"---\ntitle: caf\xe9\n".to_vec(), Path::new("content/a.md")).unwrap_err();
        assert_eq!(
            error.position,
            Some(Position {
                line: 2,
                column: 11
            })
        );
        assert!(error.message.english().contains("0xE9"));
    }

    #[test]
    fn utf16_is_named_as_such() {
        let bytes = b"\xff\xfe-\0-\0-\0\n\0".to_vec();
        let error = decode(bytes, Path::new("content/a.md")).unwrap_err();
        assert!(error.message.english().contains("UTF-16"), "{error:?}");
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_nul_is_refused() {
        let file = Path::new("content/a.md");
        let text = decode(b"\xef\xbb\xbf---\ntitle: A\n---\n".to_vec(), file).unwrap();
        assert!(text.starts_with("---\n"));
        let error = decode(b"---\ntitle: A\n---\nTe\0kst\n".to_vec(), file).unwrap_err();
        assert_eq!(error.position, Some(Position { line: 4, column: 3 }));
    }
}
