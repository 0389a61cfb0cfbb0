//! Every `#[nla(...)]` keyword of [`NlAttrs`](crate::NlAttrs),
//! [`NlSubMsg`](crate::NlSubMsg) and [`NlValue`](crate::NlValue).
