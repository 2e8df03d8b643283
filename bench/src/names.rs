//! Vietnamese names and places for synthetic records.

use crate::rng::Rng;

/// Family names, most common first (weighted by repetition).
const SURNAMES: [&str; 16] = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE_MALE: [&str; 6] = ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu"];
const MIDDLE_FEMALE: [&str; 5] = ["Thị", "Thị", "Ngọc", "Thu", "Thanh"];
const GIVEN_MALE: [&str; 12] = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Sơn", "Tuấn", "Việt",
];
const GIVEN_FEMALE: [&str; 12] = [
    "Anh", "Châu", "Dung", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang",
];
/// Provinces.
pub const PROVINCES: [&str; 12] = [
    "Hà Nội",
    "Hải Phòng",
    "Nam Định",
    "Thanh Hóa",
    "Nghệ An",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Đắk Lắk",
    "Lâm Đồng",
    "Cần Thơ",
    "Sơn La",
    "Lào Cai",
];
const PLACES: [&str; 16] = [
    "Tân An",
    "Phú Mỹ",
    "Kim Tân",
    "Vĩnh Tân",
    "Tam An",
    "Mường Phăng",
    "Quang Trung",
    "Hòa Bình",
    "Đông Sơn",
    "Yên Lạc",
    "Hưng Đạo",
    "Thạch Bàn",
    "Ninh Hiệp",
    "Mộc Châu",
    "Tô Hiệu",
    "Bình Minh",
];
const AGENCIES: [&str; 12] = [
    "Sở Giáo dục và Đào tạo",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Tài chính",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Văn hóa và Thông tin",
    "Trung tâm Y tế",
    "Trường THPT",
    "Trường THCS",
    "Trung tâm GDNN-GDTX",
    "Ban Quản lý dự án",
];

fn one(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

/// A person's full name.
pub fn person(rng: &mut Rng) -> String {
    let surname = one(rng, &SURNAMES);
    if rng.chance(0.5) {
        let middle = one(rng, &MIDDLE_MALE);
        format!("{surname} {middle} {}", one(rng, &GIVEN_MALE))
    } else {
        let middle = one(rng, &MIDDLE_FEMALE);
        format!("{surname} {middle} {}", one(rng, &GIVEN_FEMALE))
    }
}

/// A family name alone (for a clan: "Họ Nguyễn Văn").
pub fn surname(rng: &mut Rng) -> &'static str {
    one(rng, &SURNAMES)
}

/// A place name.
pub fn place(rng: &mut Rng) -> &'static str {
    one(rng, &PLACES)
}

/// A province.
pub fn province(rng: &mut Rng) -> &'static str {
    one(rng, &PROVINCES)
}

/// An agency or school with its place, numbered so that ids repeat rarely.
pub fn unit(rng: &mut Rng, n: u64) -> String {
    let agency = one(rng, &AGENCIES);
    let place = one(rng, &PLACES);
    format!("{agency} {place} số {n}")
}
