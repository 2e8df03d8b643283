//! The document as Markdown, with the same content as the HTML page. Text from rule files is
//! escaped: Markdown's marks with a backslash, `<`, `>` and `&` as entities (a label can
//! never become markup where the Markdown is shown as HTML).

use std::fmt::Write as _;

use super::{Block, Inline};

/// The Markdown document.
pub fn write(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(1 << 15);
    for b in blocks {
        block(&mut out, b);
    }
    out
}

/// Text made literal in Markdown: on one line, its marks escaped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One block, followed by a blank line.
fn block(out: &mut String, b: &Block) {
    match b {
        Block::Title {
            kicker,
            title,
            subtitle,
        } => {
            let _ = writeln!(out, "**{}**\n", esc(kicker));
            let _ = writeln!(out, "# {}\n", esc(title));
            for s in subtitle {
                let _ = writeln!(out, "*{}*  ", esc(s));
            }
            out.push('\n');
        }
        Block::Heading(h) => {
            let _ = writeln!(out, "## {}\n", esc(h));
        }
        Block::Para(r) => {
            let _ = writeln!(out, "{}\n", rich(r, "  \n"));
        }
        Block::Warning(r) => {
            let _ = writeln!(out, "> {}\n", rich(r, "  \n> "));
        }
        Block::Facts(facts) => {
            for (t, d) in facts {
                let _ = writeln!(out, "- **{}:** {}", esc(t), rich(d, "; "));
            }
            out.push('\n');
        }
        Block::List(items) => {
            for (n, i) in items.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", n + 1, rich(i, " "));
            }
            out.push('\n');
        }
        Block::Table { head, rows, .. } => {
            let cells: Vec<String> = head.iter().map(|h| esc(h)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| rich(c, "<br>")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            out.push('\n');
        }
        Block::PageBreak => out.push_str("---\n\n"),
        Block::SignOff => out.push_str(
            "| Ý kiến của Hội đồng | Chủ tịch Hội đồng |\n|---|---|\n| (ghi rõ: thông qua / cần sửa) | ……, ngày … tháng … năm …<br>(ký, ghi rõ họ tên) |\n\n",
        ),
    }
}

/// Inline content, escaped; `line` is what a line break becomes.
fn rich(r: &[Inline], line: &str) -> String {
    let mut out = String::new();
    for i in r {
        match i {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Bold(t) => {
                let _ = write!(out, "**{}**", esc(t));
            }
            Inline::Provisional(why) => {
                let _ = write!(out, "**⚠ TẠM THỜI:** *{}*", esc(why));
            }
            Inline::Break => out.push_str(line),
        }
    }
    out
}
