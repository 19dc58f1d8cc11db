//! Serializes data straight into Typst values, for `sys.inputs`.
//!
//! The result is what going through JSON gives (`serde_json::to_value`,
//! then each JSON value as its Typst value) without building the JSON:
//! for a workbook of 100,000 indicators the JSON tree took seconds and
//! gigabytes. So, as in that JSON (whose maps are sorted):
//!
//! - the fields of a struct and the keys of a map are in sorted order;
//! - integers stay integers (an integer too large for Typst becomes a
//!   float) and floats stay floats, a float that is not finite being
//!   `none`;
//! - `None` and `()` are `none`, a unit variant is its name, and other
//!   enum variants are a dictionary of one entry, their name.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::ser;
use typst::foundations::{Array, Dict, Str, Value};

/// `value` as a Typst value.
///
/// # Errors
///
/// An [`Error`] when `value` has a map whose keys are not text.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value.serialize(Serializer)
}

/// Why a value has no Typst form: a map key that is not text or a number.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Serializes into a [`Value`].
struct Serializer;

/// A dictionary under way, sorted by key.
#[derive(Default)]
struct Entries(BTreeMap<Str, Value>);

impl Entries {
    fn into_value(self) -> Value {
        Value::Dict(self.0.into_iter().collect::<Dict>())
    }
}

/// A dictionary of one entry: an enum variant and what it holds.
fn variant(name: &'static str, value: Value) -> Value {
    let mut dict = Dict::new();
    dict.insert(name.into(), value);
    Value::Dict(dict)
}

fn int(n: i128) -> Value {
    i64::try_from(n).map_or(Value::Float(n as f64), Value::Int)
}

impl ser::Serializer for Serializer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Map;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        Ok(Value::Int(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Error> {
        Ok(int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        Ok(int(v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Error> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), int))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        Ok(if v.is_finite() {
            Value::Float(v)
        } else {
            Value::None
        })
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::Str(v.into()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::Str(v.into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::Array(
            v.iter().map(|&b| Value::Int(b.into())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, Error> {
        Ok(Value::None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::Str(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(variant(name, value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items, Error> {
        Ok(Items::new(None, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<Items, Error> {
        Ok(Items::new(None, len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items, Error> {
        Ok(Items::new(None, len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<Items, Error> {
        Ok(Items::new(Some(name), len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map, Error> {
        Ok(Map::new(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map, Error> {
        Ok(Map::new(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        _: usize,
    ) -> Result<Map, Error> {
        Ok(Map::new(Some(name)))
    }
}

/// An array under way; inside a variant when it has the variant's name.
struct Items {
    variant: Option<&'static str>,
    items: Vec<Value>,
}

impl Items {
    fn new(variant: Option<&'static str>, len: usize) -> Items {
        Items {
            variant,
            items: Vec::with_capacity(len),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(Serializer)?);
        Ok(())
    }

    fn finish(self) -> Result<Value, Error> {
        let array = Value::Array(self.items.into_iter().collect::<Array>());
        Ok(match self.variant {
            Some(name) => variant(name, array),
            None => array,
        })
    }
}

/// Serde's four kinds of sequence all become arrays: each hands its items
/// to [`Items::push`] by a method of its own name.
macro_rules! sequence {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Items {
            type Ok = Value;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Value, Error> {
                self.finish()
            }
        }
    )*};
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A dictionary under way (a map or a struct); inside a variant when it
/// has the variant's name.
struct Map {
    variant: Option<&'static str>,
    entries: Entries,
    /// The key of the entry whose value comes next.
    key: Option<Str>,
}

impl Map {
    fn new(variant: Option<&'static str>) -> Map {
        Map {
            variant,
            entries: Entries::default(),
            key: None,
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: Str, value: &T) -> Result<(), Error> {
        self.entries.0.insert(key, value.serialize(Serializer)?);
        Ok(())
    }

    fn finish(self) -> Result<Value, Error> {
        let dict = self.entries.into_value();
        Ok(match self.variant {
            Some(name) => variant(name, dict),
            None => dict,
        })
    }
}

impl ser::SerializeMap for Map {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".into()))?;
        self.insert(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        self.finish()
    }
}

/// A struct and a struct variant both become dictionaries of their fields.
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Map {
            type Ok = Value;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.insert(key.into(), value)
            }
            fn end(self) -> Result<Value, Error> {
                self.finish()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key as a dictionary's key, as JSON writes keys: text as it is, a
/// number or a boolean written out, a unit variant as its name; anything
/// else is an error.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<Str, Error> {
    match key.serialize(Serializer)? {
        Value::Str(text) => Ok(text),
        Value::Int(n) => Ok(n.to_string().into()),
        Value::Bool(b) => Ok(if b { "true" } else { "false" }.into()),
        _ => Err(Error("a map key must be text or a number".into())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value as Json, json};

    use super::*;

    /// What the JSON route gave: each JSON value as its Typst value.
    fn through_json(json: &Json) -> Value {
        match json {
            Json::Null => Value::None,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => Value::Str(s.as_str().into()),
            Json::Array(items) => Value::Array(items.iter().map(through_json).collect()),
            Json::Object(map) => Value::Dict(
                map.iter()
                    .map(|(k, v)| (k.as_str().into(), through_json(v)))
                    .collect(),
            ),
        }
    }

    /// Fields out of order, a flattened struct, a map, variants, and
    /// numbers of every kind.
    #[derive(Serialize)]
    struct Outer {
        zeta: Vec<Option<f64>>,
        #[serde(flatten)]
        inner: Inner,
        alpha: BTreeMap<String, u64>,
        kinds: Vec<Kind>,
        unit: (),
        nan: f64,
        big: u64,
        tuple: (i8, char, bool),
    }

    #[derive(Serialize)]
    struct Inner {
        middle: &'static str,
        before: i32,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Total,
        Pair(i32, i32),
        Named { x: i32 },
        Wrapped(String),
    }

    #[test]
    fn values_are_those_the_json_route_gave() {
        let outer = Outer {
            zeta: vec![Some(1.0), None, Some(-2.5)],
            inner: Inner {
                middle: "中间",
                before: -3,
            },
            alpha: [("b".to_string(), 2), ("a".to_string(), 1)].into(),
            kinds: vec![
                Kind::Total,
                Kind::Pair(1, 2),
                Kind::Named { x: 4 },
                Kind::Wrapped("w".into()),
            ],
            unit: (),
            nan: f64::NAN,
            big: u64::MAX,
            tuple: (7, 'c', true),
        };
        let expected = through_json(&serde_json::to_value(&outer).unwrap());
        assert_eq!(to_value(&outer).unwrap(), expected);
        // Sorted keys, as the JSON route gave them.
        let Value::Dict(dict) = &expected else {
            panic!("not a dictionary")
        };
        let keys: Vec<&str> = dict.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "alpha", "before", "big", "kinds", "middle", "nan", "tuple", "unit", "zeta"
            ]
        );
        // A float stays a float even when whole.
        let whole: Array = [Value::Float(2.0)].into_iter().collect();
        assert_eq!(to_value(&json!([2.0])).unwrap(), Value::Array(whole));
    }

    #[test]
    fn json_becomes_typed_typst_values() {
        let json = json!({"a": [1, 2.5, "x", null, true]});
        let Value::Dict(dict) = to_value(&json).unwrap() else {
            panic!("not a dict")
        };
        let Value::Array(items) = dict.get("a").unwrap().clone() else {
            panic!("not an array")
        };
        let items: Vec<Value> = items.into_iter().collect();
        assert_eq!(items[0], Value::Int(1));
        assert_eq!(items[1], Value::Float(2.5));
        assert_eq!(items[2], Value::Str("x".into()));
        assert_eq!(items[3], Value::None);
        assert_eq!(items[4], Value::Bool(true));
    }

    #[test]
    fn keys_are_written_out_as_json_writes_them_and_others_are_an_error() {
        let numbers: BTreeMap<u32, bool> = [(2, true), (10, false)].into();
        let flags: BTreeMap<bool, i32> = [(true, 1)].into();
        assert_eq!(to_value(&numbers).unwrap(), through_json(&json!(numbers)));
        assert_eq!(to_value(&flags).unwrap(), through_json(&json!(flags)));
        let map: BTreeMap<Vec<u8>, i32> = [(vec![1], 1)].into();
        assert!(to_value(&map).is_err());
    }
}
