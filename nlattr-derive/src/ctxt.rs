//! Collects every error with its span, so that one build reports them all.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Error sink for one derive invocation.
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Self { errors: RefCell::new(Vec::new()) }
    }

    /// An error spanning `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: std::fmt::Display>(&self, tokens: T, msg: M) {
        self.errors.borrow_mut().push(syn::Error::new_spanned(tokens.into_token_stream(), msg));
    }

    /// A parse error.
    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// All errors as `compile_error!` invocations.
    pub fn into_compile_errors(self) -> TokenStream {
        self.errors.into_inner().iter().map(syn::Error::to_compile_error).collect()
    }
}
