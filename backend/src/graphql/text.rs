//! Every text the API is sent passes here before anything runs, so no
//! resolver can forget it and SQLite and PostgreSQL store the same thing.

use async_graphql::{
    Request,
    parser::types::{Directive, DocumentOperations, ExecutableDocument, Selection, SelectionSet},
};
// The query document's literals are the parser's values, which may hold
// variables; async-graphql itself only re-exports the constant kind.
use async_graphql_value::{ConstValue, Value};
use shared_types::{ErrorCode, text::normalise};

/// Normalises the strings of the variables and of the query's own literals
/// (an inline `"a\u0000b"` is the same NUL as one in a variable). A query
/// that does not parse is left as it is: execution answers its syntax error.
pub fn normalise_request(request: &mut Request) -> Result<(), ErrorCode> {
    for value in request.variables.values_mut() {
        const_value(value)?;
    }
    // Printable ASCII without escapes holds nothing to refuse or compose:
    // the usual query is not parsed twice.
    let plain = request
        .query
        .bytes()
        .all(|b| matches!(b, b'\n' | b'\r' | b'\t') || ((0x20..0x7f).contains(&b) && b != b'\\'));
    if plain {
        return Ok(());
    }
    let Ok(document) = request.parsed_query() else {
        return Ok(());
    };
    let mut document = document.clone();
    self::document(&mut document)?;
    request.set_parsed_query(document);
    Ok(())
}

fn text(s: &mut String) -> Result<(), ErrorCode> {
    if let std::borrow::Cow::Owned(normal) = normalise(s)? {
        *s = normal;
    }
    Ok(())
}

fn const_value(value: &mut ConstValue) -> Result<(), ErrorCode> {
    match value {
        ConstValue::String(s) => text(s),
        ConstValue::List(items) => items.iter_mut().try_for_each(const_value),
        ConstValue::Object(fields) => fields.values_mut().try_for_each(const_value),
        _ => Ok(()),
    }
}

fn value(value: &mut Value) -> Result<(), ErrorCode> {
    match value {
        Value::String(s) => text(s),
        Value::List(items) => items.iter_mut().try_for_each(self::value),
        Value::Object(fields) => fields.values_mut().try_for_each(self::value),
        _ => Ok(()),
    }
}

fn directives(list: &mut [async_graphql::Positioned<Directive>]) -> Result<(), ErrorCode> {
    for directive in list {
        for (_, argument) in &mut directive.node.arguments {
            value(&mut argument.node)?;
        }
    }
    Ok(())
}

fn selection_set(set: &mut SelectionSet) -> Result<(), ErrorCode> {
    for item in &mut set.items {
        match &mut item.node {
            Selection::Field(field) => {
                for (_, argument) in &mut field.node.arguments {
                    value(&mut argument.node)?;
                }
                directives(&mut field.node.directives)?;
                selection_set(&mut field.node.selection_set.node)?;
            }
            Selection::FragmentSpread(spread) => directives(&mut spread.node.directives)?,
            Selection::InlineFragment(fragment) => {
                directives(&mut fragment.node.directives)?;
                selection_set(&mut fragment.node.selection_set.node)?;
            }
        }
    }
    Ok(())
}

fn document(document: &mut ExecutableDocument) -> Result<(), ErrorCode> {
    let operations: Vec<_> = match &mut document.operations {
        DocumentOperations::Single(operation) => vec![operation],
        DocumentOperations::Multiple(operations) => operations.values_mut().collect(),
    };
    for operation in operations {
        let operation = &mut operation.node;
        for definition in &mut operation.variable_definitions {
            if let Some(default) = &mut definition.node.default_value {
                const_value(&mut default.node)?;
            }
            directives(&mut definition.node.directives)?;
        }
        directives(&mut operation.directives)?;
        selection_set(&mut operation.selection_set.node)?;
    }
    for fragment in document.fragments.values_mut() {
        directives(&mut fragment.node.directives)?;
        selection_set(&mut fragment.node.selection_set.node)?;
    }
    Ok(())
}
