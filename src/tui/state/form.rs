//! The lookup form: channel, member and bearer ARNs, validated as typed.

use crate::arn::{self, FieldStatus, FormCheck};
use crate::model::Target;

use super::text_field::TextField;

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub channel: TextField,
    pub member: TextField,
    pub bearer: TextField,
    /// The ARN checks of the current text, redone on every edit.
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
        let bearer = Some(self.bearer.text()).filter(|b| !b.trim().is_empty());
        self.check = arn::check_form(
            self.channel.text(),
            self.member.text(),
            bearer,
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
        let field = match which {
            FormField::Channel => arn::Field::Channel,
            FormField::Member => arn::Field::Member,
            FormField::Bearer => arn::Field::Bearer,
        };
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
}
