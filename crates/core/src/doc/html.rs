//! The document as one self-contained HTML page: A4 when printed, Vietnamese fonts from the
//! system, nothing fetched, no script. Every text is escaped.

use std::fmt::Write as _;

use super::{Block, Inline};

/// Text made safe inside HTML elements and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The style sheet: a serif face as official documents use, A4 pages, the provisional mark
/// visible in black and white (a border and a sign, not only a colour).
const STYLE: &str = "\
@page{size:A4;margin:18mm 16mm 18mm 20mm}\
*{box-sizing:border-box}\
body{margin:0 auto;max-width:52rem;padding:1.5rem;color:#111;font:15px/1.45 \"Times New Roman\",Times,\"Noto Serif\",\"DejaVu Serif\",\"Liberation Serif\",serif}\
.kicker{text-align:center;font-weight:700;letter-spacing:.08em;margin:0}\
h1{text-align:center;font-size:1.35rem;margin:.3rem 0}\
.sub{text-align:center;margin:0;font-style:italic}\
h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #555;break-after:avoid}\
h3{font-size:1rem;margin:1rem 0 .3rem;break-after:avoid}\
table{border-collapse:collapse;width:100%;margin:.4rem 0;table-layout:fixed}\
th,td{border:1px solid #333;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
th{background:#eee}\
tr{break-inside:avoid}\
dl{display:grid;grid-template-columns:12rem 1fr;gap:.2rem 1rem;margin:.4rem 0}dt{font-weight:700}dd{margin:0}\
.prov{display:inline-block;margin-top:.2rem;padding:.05rem .35rem;border:1.5px dashed #8a4b00;background:#fff4e5;color:#5c3200;font-size:.92em}\
.prov b{letter-spacing:.03em}\
.warn{border:2px solid #8a4b00;background:#fff4e5;padding:.5rem .7rem;margin:.6rem 0}\
ol{padding-left:1.4rem}\
.sign{display:grid;grid-template-columns:1fr 1fr;gap:2rem;margin-top:2rem;break-inside:avoid}\
.sign div{text-align:center;min-height:8rem}\
.page{break-before:page}\
@media print{body{max-width:none;padding:0;font-size:11.5pt}th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}.prov,.warn{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The page.
pub fn write(title: &str, blocks: &[Block]) -> String {
    let mut out = String::with_capacity(1 << 15);
    out.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    for b in blocks {
        block(&mut out, b);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One block.
fn block(out: &mut String, b: &Block) {
    match b {
        Block::Title {
            kicker,
            title,
            subtitle,
        } => {
            let _ = writeln!(out, "<p class=\"kicker\">{}</p>", esc(kicker));
            let _ = writeln!(out, "<h1>{}</h1>", esc(title));
            for s in subtitle {
                let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(s));
            }
        }
        Block::Heading(h) => {
            let _ = writeln!(out, "<h2>{}</h2>", esc(h));
        }
        Block::Para(r) => {
            let _ = writeln!(out, "<p>{}</p>", rich(r));
        }
        Block::Warning(r) => {
            let _ = writeln!(out, "<div class=\"warn\">{}</div>", rich(r));
        }
        Block::Facts(facts) => {
            out.push_str("<dl>\n");
            for (t, d) in facts {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(t), rich(d));
            }
            out.push_str("</dl>\n");
        }
        Block::List(items) => {
            out.push_str("<ol>\n");
            for i in items {
                let _ = writeln!(out, "<li>{}</li>", rich(i));
            }
            out.push_str("</ol>\n");
        }
        Block::Table { head, rows, widths } => {
            out.push_str("<table>\n<colgroup>");
            for w in widths {
                let _ = write!(out, "<col style=\"width:{w}%\">");
            }
            out.push_str("</colgroup>\n<thead><tr>");
            for h in head {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", rich(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::PageBreak => out.push_str("<div class=\"page\"></div>\n"),
        Block::SignOff => out.push_str(
            "<div class=\"sign\"><div><b>Ý kiến của Hội đồng</b><br><i>(ghi rõ: thông qua / cần sửa)</i></div><div><i>……, ngày … tháng … năm …</i><br><b>Chủ tịch Hội đồng</b><br><i>(ký, ghi rõ họ tên)</i></div></div>\n",
        ),
    }
}

/// Inline content, escaped.
fn rich(r: &[Inline]) -> String {
    let mut out = String::new();
    for i in r {
        match i {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Bold(t) => {
                let _ = write!(out, "<b>{}</b>", esc(t));
            }
            Inline::Provisional(why) => {
                let _ = write!(
                    out,
                    "<span class=\"prov\"><b>⚠ TẠM THỜI:</b> {}</span>",
                    esc(why)
                );
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}
