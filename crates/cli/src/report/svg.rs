//! Charts as inline SVG: horizontal bars, one per item, with its label on the left and its
//! value on the right. No script, no font or file from elsewhere.

use super::page::esc;

/// One bar: its label, its length (a count) and the text written after it.
pub struct Bar {
    /// The label, left of the bar.
    pub label: String,
    /// The value the bar's length shows.
    pub value: u64,
    /// The text after the bar (`12 (25 %)`).
    pub text: String,
}

/// Width of the drawing, in SVG units.
const WIDTH: u32 = 520;
/// Width kept for the labels.
const LABEL: u32 = 200;
/// Width kept for the value text.
const VALUE: u32 = 110;
/// Height of a row.
const ROW: u32 = 24;

/// A label cut to fit its column, with `…` when cut.
fn fit(label: &str) -> String {
    const MAX: usize = 28;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// A horizontal bar chart; `title` is read out by screen readers. Nothing to draw gives an
/// empty string.
pub fn bars(title: &str, items: &[Bar]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let top = items.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let span = WIDTH - LABEL - VALUE;
    let rows = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(ROW) + 8;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(title)
    );
    for (bar, row) in items.iter().zip(0u32..) {
        let y = 4 + row * ROW;
        let length = u32::try_from(u64::from(span) * bar.value / top).unwrap_or(span);
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 6,
            y + 16,
            esc(&fit(&bar.label))
        ));
        svg.push_str(&format!(
            "<rect x=\"{LABEL}\" y=\"{}\" width=\"{length}\" height=\"{}\" fill=\"#2f6f4f\"><title>{}: {}</title></rect>",
            y + 3,
            ROW - 6,
            esc(&bar.label),
            esc(&bar.text)
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{}</text>\n",
            LABEL + length + 6,
            y + 16,
            esc(&bar.text)
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_lengths_are_proportional_and_labels_escaped() {
        let items = [
            Bar {
                label: "Tốt <A&B>".into(),
                value: 10,
                text: "10".into(),
            },
            Bar {
                label: "Khá".into(),
                value: 5,
                text: "5".into(),
            },
        ];
        let svg = bars("Xếp loại", &items);
        assert!(svg.contains("width=\"210\""), "{svg}");
        assert!(svg.contains("width=\"105\""), "{svg}");
        assert!(svg.contains("Tốt &lt;A&amp;B&gt;"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(bars("x", &[]).is_empty());
    }
}
