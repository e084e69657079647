//! Codes on the wire as enums. An older app must read what a newer server
//! sends (and a server what a newer device uploads), so every code enum has
//! an `Unknown` variant that keeps the string as it came; the JSON is the
//! plain code string either way.

/// Declares a wire code enum: the listed variants with their code strings,
/// plus `Unknown(String)`, serialized as the plain string.
#[macro_export]
macro_rules! wire_code {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:expr,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A code this build does not know (sent by a newer app or
            /// server), kept as it came.
            Unknown(String),
        }

        impl $name {
            /// Every code this build knows.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The code as it travels.
            pub fn code(&self) -> &str {
                match self {
                    $($name::$variant => $code,)*
                    $name::Unknown(s) => s,
                }
            }

            /// The variant of a code; `Unknown` for a code this build does
            /// not know.
            pub fn from_code(s: &str) -> $name {
                $(if s == $code {
                    return $name::$variant;
                })*
                $name::Unknown(s.to_owned())
            }

            /// Whether this build knows the code.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> $name {
                $name::from_code(s)
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(s: String) -> $name {
                $name::from_code(&s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from_code(&s))
            }
        }
    };
}
