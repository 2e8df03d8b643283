//! The HTML page: escaping, the document with its inline style sheet (readable on a phone,
//! printable), sections, tables and the small number formats of Vietnamese text.

use rust_decimal::Decimal;
use tieuchi_core::wording::format_number;

/// Text made safe inside HTML elements and attribute values (the document's escaping).
pub use tieuchi_core::doc::html::esc;

/// A count with a dot between thousands, as Vietnamese writes it (`12.345`).
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `part` as a percentage of `whole` with a decimal comma (`87,5%`); `–` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_string();
    }
    let share = Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole);
    format!("{}%", format_number(share))
}

/// The style sheet: one column, tables that scroll sideways on a phone, print in black.
const STYLE: &str = "\
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#2f6f4f;--up:#2f6f4f;--down:#b42318}\
*{box-sizing:border-box}\
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--ink)}\
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}\
small,.en{color:var(--muted);font-size:.85em}\
.scroll{overflow-x:auto}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}\
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
.same{background:#f0f4f8}.up{color:var(--up)}.down{color:var(--down)}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}\
svg{width:100%;height:auto;max-width:40rem}svg text{font:13px sans-serif;fill:#1f2933}\
.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#fff4e5;color:#8a4b00;font-size:.85em}\
@media print{body{max-width:none;padding:0;font-size:11pt}.scroll{overflow:visible}h2{break-after:avoid}table,svg{break-inside:avoid}}";

/// An HTML page being written.
pub struct Page {
    /// The page so far.
    html: String,
}

impl Page {
    /// A page with its title (also the first heading) and a secondary English line.
    pub fn new(title: &str, english: &str) -> Self {
        let mut html = String::with_capacity(1 << 14);
        html.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.push_str(&format!("<title>{}</title>\n", esc(title)));
        html.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
        html.push_str(&format!(
            "<h1>{}</h1>\n<p class=\"en\">{}</p>\n",
            esc(title),
            esc(english)
        ));
        Page { html }
    }

    /// Starts a section: a heading in Vietnamese with its English in small text.
    pub fn section(&mut self, title: &str, english: &str) {
        self.html.push_str(&format!(
            "<h2>{} <small>{}</small></h2>\n",
            esc(title),
            esc(english)
        ));
    }

    /// A paragraph of text (escaped).
    pub fn para(&mut self, text: &str) {
        self.html.push_str(&format!("<p>{}</p>\n", esc(text)));
    }

    /// Markup written as is (already escaped by the caller).
    pub fn raw(&mut self, html: &str) {
        self.html.push_str(html);
    }

    /// A list of terms and descriptions (both escaped).
    pub fn facts(&mut self, facts: &[(String, String)]) {
        self.html.push_str("<dl>\n");
        for (term, text) in facts {
            self.html
                .push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(term), esc(text)));
        }
        self.html.push_str("</dl>\n");
    }

    /// A table: header cells, then rows of cells; a cell of digits and signs (`12`, `87,5%`)
    /// is aligned right. Cells are escaped.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        self.html
            .push_str("<div class=\"scroll\"><table>\n<thead><tr>");
        for h in header {
            self.html.push_str(&format!("<th>{}</th>", esc(h)));
        }
        self.html.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.html.push_str("<tr>");
            for cell in row {
                let numeric = !cell.is_empty()
                    && cell
                        .chars()
                        .all(|c| c.is_ascii_digit() || " .,%/–+-→".contains(c));
                let class = if numeric { " class=\"n\"" } else { "" };
                self.html
                    .push_str(&format!("<td{class}>{}</td>", esc(cell)));
            }
            self.html.push_str("</tr>\n");
        }
        self.html.push_str("</tbody>\n</table></div>\n");
    }

    /// The finished page.
    pub fn finish(mut self) -> String {
        self.html.push_str("</body>\n</html>\n");
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_percentages_read_the_vietnamese_way() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1.000"),
            (1_234_567, "1.234.567"),
        ];
        for (n, text) in cases {
            assert_eq!(count(n), text);
        }
        assert_eq!(percent(1, 3), "33,33%");
        assert_eq!(percent(7, 8), "87,5%");
        assert_eq!(percent(1, 0), "–");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
