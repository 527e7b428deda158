//! Checks on a parsed request that async-graphql does not make: every field
//! selection counts (async-graphql's complexity leaves `__typename` out, so
//! 12 000 aliases of it ran), and no `Int` goes beyond 32 bits.

use std::{collections::HashMap, sync::Arc, sync::Mutex};

use async_graphql::{
    ServerError, ServerResult, ValidationResult, Value, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};
use shared_types::ErrorCode;

/// More than any screen of ours asks (the largest is about 150), few enough
/// that an alias flood stops before it runs.
pub const MAX_FIELDS: u64 = 1_000;

pub struct RequestChecks;

impl ExtensionFactory for RequestChecks {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestChecksExtension::default())
    }
}

#[derive(Default)]
struct RequestChecksExtension {
    fields: Mutex<u64>,
}

fn refused(code: ErrorCode) -> ServerError {
    let mut error = ServerError::new(code.message_en(), None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    error
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestChecksExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if variables.values().any(|v| !ints_fit(v)) {
            return Err(refused(ErrorCode::IntOutOfRange));
        }
        let document = next.run(ctx, query, variables).await?;
        if !document_ints_fit(&document) {
            return Err(refused(ErrorCode::IntOutOfRange));
        }
        if let Ok(mut fields) = self.fields.lock() {
            *fields = field_count(&document);
        }
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        // Depth and complexity are checked first: their codes say more.
        let result = next.run(ctx).await?;
        let fields = self.fields.lock().map_or(u64::MAX, |f| *f);
        if fields > MAX_FIELDS {
            return Err(vec![refused(ErrorCode::TooManyFields)]);
        }
        Ok(result)
    }
}

/// GraphQL's `Int` is a signed 32-bit number. No input of ours takes a
/// `Float` anywhere near 2³¹ either (weights, prices, coordinates), so any
/// whole number beyond is refused without looking up the argument's type.
fn number_fits(n: &async_graphql::Number) -> bool {
    if n.is_f64() {
        return true;
    }
    n.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
}

fn ints_fit(value: &Value) -> bool {
    match value {
        Value::Number(n) => number_fits(n),
        Value::List(items) => items.iter().all(ints_fit),
        Value::Object(fields) => fields.values().all(ints_fit),
        _ => true,
    }
}

fn literal_ints_fit(value: &async_graphql_value::Value) -> bool {
    use async_graphql_value::Value as Literal;
    match value {
        Literal::Number(n) => number_fits(n),
        Literal::List(items) => items.iter().all(literal_ints_fit),
        Literal::Object(fields) => fields.values().all(literal_ints_fit),
        _ => true,
    }
}

fn selection_ints_fit(set: &SelectionSet) -> bool {
    set.items.iter().all(|item| match &item.node {
        Selection::Field(field) => {
            field
                .node
                .arguments
                .iter()
                .all(|(_, v)| literal_ints_fit(&v.node))
                && field.node.directives.iter().all(|d| {
                    d.node
                        .arguments
                        .iter()
                        .all(|(_, v)| literal_ints_fit(&v.node))
                })
                && selection_ints_fit(&field.node.selection_set.node)
        }
        Selection::FragmentSpread(spread) => spread.node.directives.iter().all(|d| {
            d.node
                .arguments
                .iter()
                .all(|(_, v)| literal_ints_fit(&v.node))
        }),
        Selection::InlineFragment(fragment) => {
            selection_ints_fit(&fragment.node.selection_set.node)
        }
    })
}

fn document_ints_fit(document: &ExecutableDocument) -> bool {
    document.operations.iter().all(|(_, operation)| {
        operation.node.variable_definitions.iter().all(|v| {
            v.node
                .default_value
                .as_ref()
                .is_none_or(|d| ints_fit(&d.node))
        }) && selection_ints_fit(&operation.node.selection_set.node)
    }) && document
        .fragments
        .values()
        .all(|f| selection_ints_fit(&f.node.selection_set.node))
}

/// Every field the document would select, each fragment counted as many
/// times as it is spread (that is what executes).
pub fn field_count(document: &ExecutableDocument) -> u64 {
    let mut memo = HashMap::new();
    document
        .operations
        .iter()
        .map(|(_, operation)| count_set(&operation.node.selection_set.node, document, &mut memo))
        .fold(0, u64::saturating_add)
}

fn count_set(
    set: &SelectionSet,
    document: &ExecutableDocument,
    memo: &mut HashMap<String, Option<u64>>,
) -> u64 {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                1u64.saturating_add(count_set(&field.node.selection_set.node, document, memo))
            }
            Selection::InlineFragment(fragment) => {
                count_set(&fragment.node.selection_set.node, document, memo)
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.to_string();
                match memo.get(&name) {
                    Some(Some(count)) => *count,
                    // A cycle: validation refuses it; it adds nothing here.
                    Some(None) => 0,
                    None => {
                        memo.insert(name.clone(), None);
                        let count = document
                            .fragments
                            .get(spread.node.fragment_name.node.as_str())
                            .map_or(0, |f| count_set(&f.node.selection_set.node, document, memo));
                        memo.insert(name, Some(count));
                        count
                    }
                }
            }
        })
        .fold(0, u64::saturating_add)
}

/// Whether every root field of the operation to run is `__schema`, `__type`
/// or `__typename`: what GraphiQL and schema tools send to read the API.
pub fn is_introspection(query: &str, operation_name: Option<&str>) -> bool {
    use async_graphql::parser::types::OperationType;
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let operation = match operation_name {
        Some(name) => document
            .operations
            .iter()
            .find(|(n, _)| n.is_some_and(|n| n.as_str() == name)),
        None => document.operations.iter().next(),
    };
    let Some((_, operation)) = operation else {
        return false;
    };
    operation.node.ty == OperationType::Query
        && root_is_introspection(&operation.node.selection_set.node, &document, 0)
}

fn root_is_introspection(set: &SelectionSet, document: &ExecutableDocument, depth: u8) -> bool {
    depth < 8
        && set.items.iter().all(|item| match &item.node {
            Selection::Field(field) => matches!(
                field.node.name.node.as_str(),
                "__schema" | "__type" | "__typename"
            ),
            Selection::InlineFragment(fragment) => {
                root_is_introspection(&fragment.node.selection_set.node, document, depth + 1)
            }
            Selection::FragmentSpread(spread) => document
                .fragments
                .get(spread.node.fragment_name.node.as_str())
                .is_some_and(|f| {
                    root_is_introspection(&f.node.selection_set.node, document, depth + 1)
                }),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).expect("a valid document")
    }

    #[test]
    fn aliases_typename_and_fragment_spreads_all_count() {
        assert_eq!(field_count(&parsed("{ a: __typename b: __typename }")), 2);
        assert_eq!(
            field_count(&parsed(
                "{ me { ...F } other: me { ...F } } fragment F on User { id email }"
            )),
            6
        );
        // A fragment that spreads itself adds nothing (validation refuses it).
        assert_eq!(
            field_count(&parsed("{ me { ...F } } fragment F on User { id ...F }")),
            2
        );
    }

    #[test]
    fn integers_beyond_32_bits_are_found_anywhere() {
        assert!(document_ints_fit(&parsed(
            "{ users(limit: 2147483647) { total } }"
        )));
        assert!(!document_ints_fit(&parsed(
            "{ users(limit: 2147483648) { total } }"
        )));
        assert!(!document_ints_fit(&parsed(
            "{ users(limit: -2147483649) { total } }"
        )));
        assert!(!document_ints_fit(&parsed(
            "mutation { x(input: { counts: [{ count: 13592254891 }] }) }"
        )));
        assert!(!document_ints_fit(&parsed(
            "query($l: Int = 13592254891) { users(limit: $l) { total } }"
        )));
        assert!(document_ints_fit(&parsed("{ x(weight: 13592254891.5) }")));
        let too_big =
            Value::from_json(serde_json::json!({ "a": [1, 9_000_000_000u64] })).expect("json");
        assert!(!ints_fit(&too_big));
    }

    #[test]
    fn only_a_query_of_introspection_fields_is_introspection() {
        assert!(is_introspection(
            "query IntrospectionQuery { __schema { types { ...T } } } fragment T on __Type { name }",
            None
        ));
        assert!(is_introspection(
            "{ ...R } fragment R on Query { __typename }",
            None
        ));
        assert!(!is_introspection("{ __typename me { id } }", None));
        assert!(!is_introspection("mutation { __typename }", None));
        assert!(!is_introspection(
            "query A { __typename } query B { me { id } }",
            Some("B")
        ));
    }
}
