//! Enums the services send as strings. A value this version does not know
//! is kept verbatim (`Unknown`), never an error: the services add values.

/// `wire_enum!(Name { Variant = "WIRE", ... })` defines the enum with an
/// `Unknown(String)` variant, `from_wire` and `as_wire`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            Unknown(String),
        }

        impl $name {
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_string()),
                }
            }

            /// The exact text the service sent (unknown values included).
            pub fn as_wire(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }
        }
    };
}

pub(crate) use wire_enum;
