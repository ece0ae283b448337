//! The lookup form: channel, member and bearer ARNs, judged as typed by
//! one function, [`judge`].

use crate::arn::{self, FieldStatus, FormCheck};
use crate::model::Target;
use crate::tui::widgets::text_field::TextField;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    Channel,
    Member,
    Bearer,
}

impl FormField {
    pub const ALL: [FormField; 3] = [FormField::Channel, FormField::Member, FormField::Bearer];

    pub fn label(self) -> &'static str {
        match self {
            FormField::Channel => "Channel ARN",
            FormField::Member => "Member ARN",
            FormField::Bearer => "Bearer ARN",
        }
    }

    fn arn_field(self) -> arn::Field {
        match self {
            FormField::Channel => arn::Field::Channel,
            FormField::Member => arn::Field::Member,
            FormField::Bearer => arn::Field::Bearer,
        }
    }
}

/// The one place the form's text is judged, on every edit and before
/// anything is sent. The fields hold exactly what was typed or pasted
/// (invisible characters included), so what is judged is what would be
/// sent: nothing is stripped behind the user's back.
///
/// It asks `crate::arn::check_form`, the check `get` uses too, which runs
/// every field through the shared input check (`crate::arn::input`): it
/// names an offending character's code point and position, treats
/// surrounding whitespace as `get` does, and reports a paste cut at the
/// field's limit (`text_field::MAX_FIELD_CHARS` is that limit).
pub fn judge(
    channel: &TextField,
    member: &TextField,
    bearer: &TextField,
    client_region: Option<&str>,
) -> FormCheck {
    let bearer_text = Some(bearer.text()).filter(|b| !b.trim().is_empty());
    arn::check_form(channel.text(), member.text(), bearer_text, client_region)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub channel: TextField,
    pub member: TextField,
    pub bearer: TextField,
    /// The judgement of the current text, redone on every edit.
    pub check: FormCheck,
    /// The region the client calls, for the region-mismatch warning.
    client_region: Option<String>,
}

impl Form {
    pub fn new(client_region: Option<String>) -> Self {
        let mut form = Form {
            channel: TextField::default(),
            member: TextField::default(),
            bearer: TextField::default(),
            check: arn::check_form("", "", None, None),
            client_region,
        };
        form.revalidate();
        form
    }

    pub fn field(&self, which: FormField) -> &TextField {
        match which {
            FormField::Channel => &self.channel,
            FormField::Member => &self.member,
            FormField::Bearer => &self.bearer,
        }
    }

    pub fn field_mut(&mut self, which: FormField) -> &mut TextField {
        match which {
            FormField::Channel => &mut self.channel,
            FormField::Member => &mut self.member,
            FormField::Bearer => &mut self.bearer,
        }
    }

    /// Fill all three fields (an empty bearer means "= member").
    pub fn fill(&mut self, channel: &str, member: &str, bearer: Option<&str>) {
        self.channel.set(channel);
        self.member.set(member);
        self.bearer.set(bearer.unwrap_or(""));
        self.revalidate();
    }

    /// Fill from a target, showing the bearer only when it is not the member.
    pub fn fill_target(&mut self, target: &Target) {
        let bearer = (target.bearer_arn != target.member_arn).then_some(target.bearer_arn.as_str());
        self.fill(&target.channel_arn, &target.member_arn, bearer);
    }

    pub fn revalidate(&mut self) {
        self.check = judge(
            &self.channel,
            &self.member,
            &self.bearer,
            self.client_region.as_deref(),
        );
    }

    /// What the field shows beside it: nothing yet, a tick, or the problem.
    /// An empty field is never an error while the user is still typing.
    pub fn status(&self, which: FormField) -> FieldStatus {
        if self.field(which).text().trim().is_empty() {
            return FieldStatus::Empty;
        }
        let own = match which {
            FormField::Channel => &self.check.channel,
            FormField::Member => &self.check.member,
            FormField::Bearer => &self.check.bearer,
        };
        if let FieldStatus::Invalid(_) = own {
            return own.clone();
        }
        let field = which.arn_field();
        match self.check.cross.iter().find(|p| p.field == field) {
            Some(problem) => FieldStatus::Invalid(problem.clone()),
            None => FieldStatus::Valid,
        }
    }

    pub fn target(&self) -> Option<&Target> {
        self.check.target.as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.channel.is_empty() && self.member.is_empty() && self.bearer.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::text_field::MAX_FIELD_CHARS;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";

    #[test]
    fn validation_follows_the_text_and_ignores_empty_fields() {
        let mut form = Form::new(Some("us-east-1".into()));
        assert_eq!(form.status(FormField::Channel), FieldStatus::Empty);
        form.channel.set("arn:aws:chime");
        form.revalidate();
        assert!(matches!(
            form.status(FormField::Channel),
            FieldStatus::Invalid(_)
        ));
        assert_eq!(form.status(FormField::Member), FieldStatus::Empty);
        form.fill(CH, ALICE, None);
        assert_eq!(form.status(FormField::Channel), FieldStatus::Valid);
        assert_eq!(form.target().map(|t| t.bearer_arn.as_str()), Some(ALICE));
    }

    #[test]
    fn a_member_from_another_app_instance_is_flagged_on_the_member_field() {
        let mut form = Form::new(None);
        form.fill(CH, &ALICE.replace("/demo/", "/other/"), None);
        assert!(
            matches!(form.status(FormField::Member), FieldStatus::Invalid(p) if p.message.contains("app instance"))
        );
        assert_eq!(form.status(FormField::Channel), FieldStatus::Valid);
        assert!(form.target().is_none());
    }

    #[test]
    fn an_invisible_character_is_named_not_stripped_and_nothing_is_sent() {
        let mut form = Form::new(None);
        let zwsp = ALICE.replace("user/", "user/\u{200b}");
        form.fill(CH, &zwsp, None);
        assert_eq!(form.member.text(), zwsp, "the field keeps what was pasted");
        match form.status(FormField::Member) {
            FieldStatus::Invalid(p) => assert!(p.message.contains("U+200B"), "{}", p.message),
            other => panic!("{other:?}"),
        }
        assert!(form.target().is_none());
    }

    #[test]
    fn a_paste_cut_at_the_limit_says_so() {
        let mut form = Form::new(None);
        let mut long = TextField::default();
        long.insert_str(&format!("{ALICE}{}", "x".repeat(MAX_FIELD_CHARS)));
        assert_eq!(
            long.text().chars().count(),
            MAX_FIELD_CHARS,
            "the field stops"
        );
        form.fill(CH, long.text(), None);
        match form.status(FormField::Member) {
            FieldStatus::Invalid(p) => assert!(p.message.contains("was cut at"), "{}", p.message),
            other => panic!("{other:?}"),
        }
        assert!(form.target().is_none());
    }
}
