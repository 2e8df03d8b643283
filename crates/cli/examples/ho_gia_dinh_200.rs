//! Writes the officer's example for `tieuchi batch`: 200 households of one commune assessed
//! under rules/family/qd448-2015.rules, as a workbook with a sheet of households and a sheet
//! of members (Vietnamese headers), and the same data as two CSV files. Deterministic: the
//! same bytes on every run.
//!
//! ```sh
//! cargo run -p tieuchi --example ho_gia_dinh_200 -- rules/family/examples/batch
//! ```
//!
//! A few records hold mistakes on purpose, to show how rejects are reported: a misspelt
//! schooling, a birth date after the assessment year, a missing assessment year, a member
//! whose household code matches no household.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The assessment year of every household.
const YEAR: i32 = 2024;
/// Households in the commune.
const HOUSEHOLDS: usize = 200;
/// Villages of the commune.
const VILLAGES: [&str; 5] = [
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Trung",
    "Thôn Bãi Sậy",
    "Thôn Gò Đình",
];
const COMMUNE: &str = "Xã Tân Phong";
const PROVINCE: &str = "Tỉnh Phú Thọ";

const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Hà",
    "Đinh",
];
const MALE_MIDDLE: [&str; 6] = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân"];
const FEMALE_MIDDLE: [&str; 5] = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng"];
const MALE: [&str; 18] = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
    "Thắng", "Tuấn", "Việt", "Hoàng", "Kiên", "Toàn",
];
const FEMALE: [&str; 18] = [
    "Anh", "Bích", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Lan", "Linh", "Mai", "Nga", "Oanh",
    "Phương", "Thảo", "Trang", "Yến", "Huyền", "Nhung",
];
/// Learning activities: a title, and the form by its value name (a list in a cell is JSON,
/// whose values are written by name).
const ACTIVITIES: [(&str, &str); 10] = [
    ("Tập huấn kỹ thuật trồng lúa chất lượng cao", "training"),
    ("Chuyên đề pháp luật về đất đai", "clc_topic"),
    ("Chuyên đề chăm sóc sức khỏe gia đình", "clc_topic"),
    ("Học nghề may công nghiệp", "vocational"),
    ("Tập huấn chăn nuôi gà thả vườn", "training"),
    ("Bồi dưỡng nghiệp vụ kế toán", "in_service"),
    ("Học tin học văn phòng trực tuyến", "online"),
    ("Đọc sách, báo về trồng cây ăn quả", "self_study"),
    ("Chuyên đề phòng chống tệ nạn xã hội", "clc_topic"),
    ("Học bổ túc trung học phổ thông", "formal"),
];

/// A small deterministic generator (xorshift64*), so the example is the same on every run.
struct Dice(u64);

impl Dice {
    /// The next number.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i32::try_from(self.next() % span).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One item of a list.
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let n = u64::try_from(items.len()).unwrap_or(1).max(1);
        let i = usize::try_from(self.next() % n).unwrap_or(0);
        items.get(i).copied().unwrap_or_default()
    }
}

/// One member as the sheet holds it: every cell as text, the birth date as (y, m, d).
struct Member {
    name: String,
    relation: &'static str,
    born: (i32, u8, u8),
    schooling: String,
    exemption: &'static str,
    academic: &'static str,
    conduct: &'static str,
    polite: &'static str,
    joins: &'static str,
    literacy: &'static str,
    activities: String,
}

/// One household.
struct Household {
    code: String,
    head: String,
    village: &'static str,
    year: Option<i32>,
    apply: bool,
    corner: bool,
    media: bool,
    cultural: bool,
    broke_law: bool,
    members: Vec<Member>,
}

/// A full name: family name, middle name, given name.
fn name(dice: &mut Dice, family: &str, male: bool) -> String {
    if male {
        format!("{family} {} {}", dice.pick(&MALE_MIDDLE), dice.pick(&MALE))
    } else {
        format!(
            "{family} {} {}",
            dice.pick(&FEMALE_MIDDLE),
            dice.pick(&FEMALE)
        )
    }
}

/// A birth date for someone `age` years old on 31 December of the assessment year.
fn born(dice: &mut Dice, age: i32) -> (i32, u8, u8) {
    let month = u8::try_from(dice.range(1, 12)).unwrap_or(1);
    let day = u8::try_from(dice.range(1, 28)).unwrap_or(1);
    (YEAR - age, month, day)
}

/// The learning activities of an adult, as the JSON the cell holds (`[]`: none; an empty
/// cell would mean "not known").
fn activities(dice: &mut Dice, learns: bool) -> String {
    if !learns {
        return "[]".to_string();
    }
    let n = dice.range(1, 2);
    let items: Vec<String> = (0..n)
        .map(|_| {
            let i = usize::try_from(dice.range(0, 9)).unwrap_or(0);
            let (title, form) = ACTIVITIES.get(i).copied().unwrap_or(ACTIVITIES[0]);
            format!(r#"{{"title": "{title}", "form": "{form}"}}"#)
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// An adult member.
fn adult(dice: &mut Dice, name: String, relation: &'static str, age: i32) -> Member {
    let in_window = (19..=60).contains(&age);
    let literacy = if in_window && dice.chance(2) {
        "Chưa biết chữ"
    } else if age > 70 && dice.chance(40) {
        "Biết chữ bậc 1 (tương đương lớp 3)"
    } else {
        dice.pick(&[
            "Tốt nghiệp trung học cơ sở",
            "Tốt nghiệp trung học phổ thông",
            "Tốt nghiệp trung học phổ thông",
            "Trung cấp, sơ cấp nghề",
            "Cao đẳng",
            "Đại học",
        ])
    };
    let learns = !in_window || !dice.chance(10);
    Member {
        name,
        relation,
        born: born(dice, age),
        schooling: "Không đi học".to_string(),
        exemption: "Không",
        academic: "",
        conduct: "",
        polite: "",
        joins: "",
        literacy,
        activities: activities(dice, learns && age <= 70),
    }
}

/// A child of `age` (the household's surname).
fn child(dice: &mut Dice, family: &str, age: i32) -> Member {
    let male = dice.chance(50);
    let name = name(dice, family, male);
    let (schooling, academic, conduct) = match age {
        0..=2 => ("Không đi học", "", ""),
        3..=5 => ("Mầm non", "", ""),
        6..=10 => {
            let weak = dice.chance(4);
            (
                "Tiểu học",
                if weak {
                    "Chưa hoàn thành (tiểu học, Thông tư 27/2020)"
                } else {
                    dice.pick(&[
                        "Hoàn thành xuất sắc (tiểu học, Thông tư 27/2020)",
                        "Hoàn thành tốt (tiểu học, Thông tư 27/2020)",
                        "Hoàn thành (tiểu học, Thông tư 27/2020)",
                    ])
                },
                "Hoàn thành tốt (tiểu học, Thông tư 27/2020)",
            )
        }
        11..=14 => (
            "Trung học cơ sở",
            dice.pick(&[
                "Tốt (Thông tư 22/2021)",
                "Khá",
                "Khá",
                "Đạt (Thông tư 22/2021)",
            ]),
            if dice.chance(4) {
                "Đạt (Thông tư 22/2021)"
            } else {
                dice.pick(&["Tốt", "Tốt", "Khá"])
            },
        ),
        15..=17 => (
            "Trung học phổ thông",
            dice.pick(&["Tốt (Thông tư 22/2021)", "Khá", "Đạt (Thông tư 22/2021)"]),
            dice.pick(&["Tốt", "Khá"]),
        ),
        _ => ("Cao đẳng, đại học, sau đại học", "", ""),
    };
    let out_of_school = (6..=14).contains(&age) && dice.chance(2);
    let exempt = (6..=14).contains(&age) && !out_of_school && dice.chance(2);
    let (schooling, academic, conduct, exemption) = if out_of_school {
        ("Không đi học", "", "", "Không")
    } else if exempt {
        ("Không đi học", "", "", "Ốm đau, bệnh tật")
    } else {
        (schooling, academic, conduct, "Không")
    };
    let young = (6..=18).contains(&age);
    let polite = young && !dice.chance(3);
    Member {
        name,
        relation: "Con",
        born: born(dice, age),
        schooling: schooling.to_string(),
        exemption,
        academic,
        conduct,
        polite: if young { yes(polite) } else { "" },
        joins: if young { "có" } else { "" },
        literacy: if age >= 19 {
            "Tốt nghiệp trung học phổ thông"
        } else {
            ""
        },
        activities: if age >= 19 {
            activities(dice, true)
        } else {
            String::new()
        },
    }
}

/// `có` or `không`.
fn yes(b: bool) -> &'static str {
    if b { "có" } else { "không" }
}

/// The households of the commune, mistakes included.
fn households() -> Vec<Household> {
    let mut dice = Dice(0x7469_6575_6368_6931);
    let mut out = Vec::with_capacity(HOUSEHOLDS);
    for i in 0..HOUSEHOLDS {
        let village = VILLAGES
            .get(i * VILLAGES.len() / HOUSEHOLDS)
            .copied()
            .unwrap_or(VILLAGES[0]);
        let family = dice.pick(&FAMILY);
        let head_age = dice.range(28, 68);
        let head_male = dice.chance(85);
        let head = name(&mut dice, family, head_male);
        let mut members = vec![adult(&mut dice, head.clone(), "Chủ hộ", head_age)];
        if dice.chance(88) {
            let spouse_family = dice.pick(&FAMILY);
            let spouse = name(&mut dice, spouse_family, !head_male);
            let age = (head_age + dice.range(-5, 3)).max(20);
            members.push(adult(&mut dice, spouse, "Vợ, chồng", age));
        }
        let children = dice.range(0, 3);
        for _ in 0..children {
            let age = dice.range(1, (head_age - 20).clamp(1, 24));
            members.push(child(&mut dice, family, age));
        }
        if dice.chance(30) {
            let grand_family = dice.pick(&FAMILY);
            let male = dice.chance(40);
            let grand = name(&mut dice, grand_family, male);
            let age = (head_age + dice.range(22, 30)).min(95);
            members.push(adult(&mut dice, grand, "Bố, mẹ", age));
        }
        out.push(Household {
            code: format!("HGĐ-{:03}", i + 1),
            head,
            village,
            year: Some(YEAR),
            apply: !dice.chance(15),
            corner: !dice.chance(22),
            media: !dice.chance(25),
            cultural: !dice.chance(20),
            broke_law: dice.chance(4),
            members,
        });
    }
    mistakes(&mut out);
    out
}

/// The mistakes an officer's file typically holds, each rejecting its household.
fn mistakes(list: &mut [Household]) {
    // A misspelt schooling ("Trung hoc co so" without its marks), in the first household
    // from the 37th on with a pupil in lower-secondary school.
    if let Some(m) = list.iter_mut().skip(36).find_map(|h| {
        h.members
            .iter_mut()
            .find(|m| m.schooling == "Trung học cơ sở")
    }) {
        m.schooling = "Trung hoc co so".to_string();
    }
    // A birth date typed with the wrong year (after the assessment year).
    if let Some(m) = list.get_mut(88).and_then(|h| h.members.last_mut()) {
        m.born.0 = YEAR + 1;
    }
    // The assessment year left empty.
    if let Some(h) = list.get_mut(141) {
        h.year = None;
    }
}

/// Headers of the household table: the Vietnamese labels of the fields, and the key.
const HOUSEHOLD_HEADER: [&str; 11] = [
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Thôn, bản, ấp, tổ dân phố",
    "Xã, phường, thị trấn",
    "Tỉnh, thành phố",
    "Năm đánh giá",
    "Người lớn trong gia đình vận dụng kiến thức đã học vào lao động, sản xuất, công việc",
    "Gia đình có góc học tập, tủ sách hoặc giá sách, báo",
    "Gia đình có phương tiện nghe, nhìn, truy cập internet dùng cho học tập",
    "Gia đình được công nhận danh hiệu Gia đình văn hóa của năm đánh giá",
    "Có thành viên vi phạm pháp luật hoặc mắc tệ nạn xã hội trong năm",
];

/// Headers of the member table.
const MEMBER_HEADER: [&str; 12] = [
    "Mã hộ",
    "Họ và tên",
    "Quan hệ với chủ hộ",
    "Ngày sinh",
    "Hiện đang đi học ở",
    "Lý do không thể đi học, học tập",
    "Kết quả học tập cả năm (năm học gần nhất)",
    "Hạnh kiểm, kết quả rèn luyện cả năm (năm học gần nhất)",
    "Trung thực, lễ phép với mọi người trong gia đình và ngoài xã hội",
    "Tích cực tham gia các hoạt động chung ở địa phương",
    "Trình độ học vấn cao nhất",
    "Các nội dung học tập đã tham gia trong năm đánh giá",
];

/// A cell of either table.
enum V {
    /// Text (empty: nothing).
    T(String),
    /// A whole number.
    N(i32),
    /// A date.
    D(i32, u8, u8),
}

/// The household rows.
fn household_rows(list: &[Household]) -> Vec<Vec<V>> {
    list.iter()
        .map(|h| {
            vec![
                V::T(h.code.clone()),
                V::T(h.head.clone()),
                V::T(h.village.to_string()),
                V::T(COMMUNE.to_string()),
                V::T(PROVINCE.to_string()),
                h.year.map_or(V::T(String::new()), V::N),
                V::T(yes(h.apply).to_string()),
                V::T(yes(h.corner).to_string()),
                V::T(yes(h.media).to_string()),
                V::T(yes(h.cultural).to_string()),
                V::T(yes(h.broke_law).to_string()),
            ]
        })
        .collect()
}

/// The member rows, household by household, and a stray member whose household code was
/// mistyped (it matches no household).
fn member_rows(list: &[Household]) -> Vec<Vec<V>> {
    let mut rows = Vec::new();
    for (i, h) in list.iter().enumerate() {
        for m in &h.members {
            rows.push(vec![
                V::T(h.code.clone()),
                V::T(m.name.clone()),
                V::T(m.relation.to_string()),
                V::D(m.born.0, m.born.1, m.born.2),
                V::T(m.schooling.clone()),
                V::T(m.exemption.to_string()),
                V::T(m.academic.to_string()),
                V::T(m.conduct.to_string()),
                V::T(m.polite.to_string()),
                V::T(m.joins.to_string()),
                V::T(m.literacy.to_string()),
                V::T(m.activities.clone()),
            ]);
        }
        if i == 120 {
            rows.push(vec![
                V::T("HGĐ-2100".to_string()),
                V::T("Nguyễn Thị Hạnh".to_string()),
                V::T("Con".to_string()),
                V::D(2016, 4, 9),
                V::T("Tiểu học".to_string()),
                V::T("Không".to_string()),
                V::T("Hoàn thành tốt (tiểu học, Thông tư 27/2020)".to_string()),
                V::T("Hoàn thành tốt (tiểu học, Thông tư 27/2020)".to_string()),
                V::T("có".to_string()),
                V::T("có".to_string()),
                V::T(String::new()),
                V::T(String::new()),
            ]);
        }
    }
    rows
}

/// Writes one sheet: a bold header, then the rows; dates as Excel dates shown D/M/YYYY.
fn sheet(
    sheet: &mut Worksheet,
    name: &str,
    header: &[&str],
    rows: &[Vec<V>],
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, h) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, col, *h, &bold)?;
        sheet.set_column_width(col, if col == 0 { 10 } else { 22 })?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                V::T(t) if t.is_empty() => {}
                V::T(t) => {
                    sheet.write_string(row, col, t)?;
                }
                V::N(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                V::D(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(u16::try_from(*y).unwrap_or(1900), *m, *d)?;
                    sheet.write_datetime_with_format(row, col, &when, &date)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes one CSV file (UTF-8, comma-separated; dates as D/M/YYYY).
fn csv(path: &Path, header: &[&str], rows: &[Vec<V>]) -> Result<(), String> {
    let mut w = csv::Writer::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fail = |e: csv::Error| format!("{}: {e}", path.display());
    w.write_record(header).map_err(fail)?;
    for cells in rows {
        let record: Vec<String> = cells
            .iter()
            .map(|c| match c {
                V::T(t) => t.clone(),
                V::N(n) => n.to_string(),
                V::D(y, m, d) => format!("{d}/{m}/{y}"),
            })
            .collect();
        w.write_record(&record).map_err(fail)?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the three files into `dir`.
fn run(dir: &Path) -> Result<(), String> {
    let list = households();
    let (homes, members) = (household_rows(&list), member_rows(&list));
    let mut book = Workbook::new();
    let xlsx = |e: XlsxError| format!("ho-gia-dinh-200.xlsx: {e}");
    sheet(
        book.add_worksheet(),
        "Hộ gia đình",
        &HOUSEHOLD_HEADER,
        &homes,
    )
    .map_err(xlsx)?;
    sheet(book.add_worksheet(), "Thành viên", &MEMBER_HEADER, &members).map_err(xlsx)?;
    // A fixed creation date, so that the workbook is the same bytes on every run.
    let created = ExcelDateTime::from_ymd(2025, 1, 1).map_err(xlsx)?;
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("Hộ gia đình đánh giá Gia đình học tập năm 2024 — Xã Tân Phong")
            .set_creation_datetime(&created),
    );
    book.save(dir.join("ho-gia-dinh-200.xlsx")).map_err(xlsx)?;
    csv(&dir.join("ho-gia-dinh-200.csv"), &HOUSEHOLD_HEADER, &homes)?;
    csv(
        &dir.join("ho-gia-dinh-200-thanh-vien.csv"),
        &MEMBER_HEADER,
        &members,
    )?;
    println!(
        "{} households, {} member rows written to {}",
        homes.len(),
        members.len(),
        dir.display()
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from("rules/family/examples/batch"),
        PathBuf::from,
    );
    if let Err(e) = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| run(&dir))
    {
        eprintln!("error: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
