//! The code lists an audience is described with: ISO 3166-1 alpha-2 countries, ISO 639-1 languages, and zzyzx's
//! fixed age bands and genders. Kept sorted so lookups are binary searches.

/// Officially assigned ISO 3166-1 alpha-2 codes (249), plus `XK` for Kosovo, which is user-assigned in ISO but used by
/// TikTok and most data sources.
pub const COUNTRIES: [&str; 250] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT",
    "ZA", "ZM", "ZW",
];

/// ISO 639-1 codes (183), plus `bh` (Bihari), deprecated in 2021 but still found in older data.
pub const LANGUAGES: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en",
    "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he",
    "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li",
    "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne",
    "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm",
    "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st",
    "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
    "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Age bands of an audience, in the order they are shown.
pub const AGE_BANDS: [&str; 6] = ["13-17", "18-24", "25-34", "35-44", "45-54", "55+"];

/// Genders of an audience.
pub const GENDERS: [&str; 3] = ["female", "male", "other"];

/// The code lists as OpenAPI schemas (string enums), for the fields and map keys that take them.
macro_rules! code_list_schema {
    ($(#[doc = $doc:literal])* $name:ident = $codes:expr) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some(concat!($($doc),*).trim()))
                    .enum_values(Some($codes))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

code_list_schema! {
    /// An ISO 3166-1 alpha-2 country code in upper case (and `XK`, Kosovo).
    CountryCode = COUNTRIES
}
code_list_schema! {
    /// An ISO 639-1 language code in lower case (and `bh`, Bihari).
    LanguageCode = LANGUAGES
}
code_list_schema! {
    /// An age band of an audience.
    AgeBand = AGE_BANDS
}
code_list_schema! {
    /// A gender of an audience.
    Gender = GENDERS
}

/// A share of an audience, from 0 to 1 (0.25 is a quarter), as an OpenAPI schema.
pub struct Share;

impl utoipa::PartialSchema for Share {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Double)))
            .description(Some("A share of an audience, from 0 to 1 (0.25 is a quarter)."))
            .minimum(Some(0.0))
            .maximum(Some(1.0))
            .into()
    }
}

impl utoipa::ToSchema for Share {}

pub fn is_country(code: &str) -> bool {
    COUNTRIES.binary_search(&code).is_ok()
}

pub fn is_language(code: &str) -> bool {
    LANGUAGES.binary_search(&code).is_ok()
}

pub fn is_age_band(band: &str) -> bool {
    AGE_BANDS.contains(&band)
}

pub fn is_gender(gender: &str) -> bool {
    GENDERS.contains(&gender)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn codes_are_case_sensitive() {
        assert!(is_country("US") && is_country("XK") && !is_country("us") && !is_country("UK"));
        assert!(is_language("en") && !is_language("EN") && !is_language("xx"));
        assert!(is_age_band("55+") && !is_age_band("55-64"));
        assert!(is_gender("other") && !is_gender("Female"));
    }
}
