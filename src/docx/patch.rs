//! What docx-rs 0.4 does not write, added to the parts it made: the
//! header rows that repeat on each page (`w:tblHeader`), mirrored margins
//! (`w:mirrorMargins`), each picture's number and alt text (`wp:docPr`);
//! and one thing it writes that must go: an empty "Normal" style before
//! ours, which readers would take for the body's. Each is an element or attribute inserted at a place
//! docx-rs always writes the same way; a change there fails the tests that
//! read these back.

use docx_rs::XMLDocx;

/// How docx-rs writes a row that must not split: only header rows are
/// made so ([`super::tables`]), and those repeat on each page.
const CANT_SPLIT: &str = "<w:cantSplit />";

/// How docx-rs writes every picture's properties.
const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;

/// The empty "Normal" style docx-rs writes before the others.
const EMPTY_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;

/// How our "Normal" starts, and as the default paragraph style.
const NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
const DEFAULT_NORMAL: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#;

/// The element of the settings that `w:mirrorMargins` goes before, in the
/// schema's order.
const DEFAULT_TAB_STOP: &str = "<w:defaultTabStop ";

/// Adds to `xml` the repeated header rows, the mirrored margins when
/// `mirrored`, and the alt text of each picture, in order (`alts`).
pub(super) fn apply(xml: &mut XMLDocx, mirrored: bool, alts: &[String]) {
    let mut document = String::from_utf8_lossy(&xml.document).into_owned();
    document = document.replace(CANT_SPLIT, "<w:cantSplit /><w:tblHeader />");
    for (n, alt) in alts.iter().enumerate() {
        let properties = format!(
            r#"<wp:docPr id="{}" name="图{}" descr="{}" />"#,
            n + 1,
            n + 1,
            quick_xml::escape::escape(alt.as_str())
        );
        document = document.replacen(DOC_PR, &properties, 1);
    }
    xml.document = document.into_bytes();
    let styles = String::from_utf8_lossy(&xml.styles)
        .replacen(EMPTY_NORMAL, "", 1)
        .replacen(NORMAL, DEFAULT_NORMAL, 1);
    xml.styles = styles.into_bytes();
    if mirrored {
        let settings = String::from_utf8_lossy(&xml.settings).replacen(
            DEFAULT_TAB_STOP,
            &format!("<w:mirrorMargins />{DEFAULT_TAB_STOP}"),
            1,
        );
        xml.settings = settings.into_bytes();
    }
}
