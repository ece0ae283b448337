//! The diagnosis's calls, made through the project's AWS clients and
//! reduced to facts. Who is the bearer of each call is decided here: the
//! member for what it may see itself, the admin for the ban.

use crate::aws::{Clients, role_arn};
use crate::error::{CallError, ErrorKind};
use crate::filter::Attributes;
use crate::model::{
    AppInstanceUserEndpoint, PinpointApp, PinpointAppRef, PushChannel, PushChannelKind, RolePolicy,
    ServiceRole, SimulatedDecision,
};

use super::facts::{
    BanFact, EndpointFact, Fact, Facts, MembershipFact, PreferencesFact, SERVICE_ROLE_NAME,
};
use super::run::PushPathCalls;

fn failed<T>(err: CallError) -> Fact<T> {
    Fact::Failed(err)
}

/// A NotFound answer, for the calls where it is the fact itself.
fn absent<T>(err: CallError) -> Fact<Option<T>> {
    if err.kind == ErrorKind::NotFound {
        Fact::known(None, err.request_id)
    } else {
        Fact::Failed(err)
    }
}

fn endpoint_fact(e: &AppInstanceUserEndpoint) -> EndpointFact {
    let state = e.state.as_ref();
    EndpointFact {
        // The listing refuses an endpoint without its id (MalformedResponse).
        id: e.endpoint_id.clone().unwrap_or_default(),
        name: e.name.clone(),
        kind: e.kind.clone(),
        allow_messages: e.allow_messages.clone(),
        status: state.and_then(|s| s.status.clone()),
        status_reason: state.and_then(|s| s.reason.clone()),
        resource_arn: Fact::Pending,
    }
}

impl PushPathCalls for Clients {
    async fn membership(&self, facts: &Facts) -> Fact<Option<MembershipFact>> {
        let s = &facts.scope;
        match self
            .describe_channel_membership(&s.channel_arn, &s.member_arn, &s.member_arn)
            .await
        {
            Ok(called) => {
                let m = called.value;
                Fact::known(
                    Some(MembershipFact {
                        kind: m.kind,
                        invited_by: m.invited_by.and_then(|i| i.arn.or(i.name)),
                        created: m.created,
                        member_name: m.member.and_then(|member| member.name),
                    }),
                    called.meta.request_id,
                )
            }
            Err(err) => absent(err),
        }
    }

    async fn ban(&self, facts: &Facts) -> Fact<Option<BanFact>> {
        let s = &facts.scope;
        let Some(admin) = &s.admin_arn else {
            return Fact::NotAsked("no admin bearer".to_string());
        };
        match self
            .describe_channel_ban(&s.channel_arn, &s.member_arn, admin)
            .await
        {
            Ok(called) => {
                let b = called.value;
                Fact::known(
                    Some(BanFact {
                        created_by: b.created_by.and_then(|m| m.arn.or(m.name)),
                        created: b.created,
                    }),
                    called.meta.request_id,
                )
            }
            Err(err) => absent(err),
        }
    }

    async fn preferences(&self, facts: &Facts) -> Fact<PreferencesFact> {
        let s = &facts.scope;
        let target = crate::model::Target {
            channel_arn: s.channel_arn.clone(),
            member_arn: s.member_arn.clone(),
            bearer_arn: s.member_arn.clone(),
        };
        match self.get_preferences(&target).await {
            Ok(lookup) => Fact::known(
                PreferencesFact {
                    allow: lookup.response.allow().cloned(),
                    filter_rule: lookup.response.filter_rule().map(|r| r.raw.clone()),
                    member_name: lookup.response.member_name().map(str::to_string),
                },
                lookup.meta.request_id,
            ),
            Err(err) => failed(err),
        }
    }

    async fn message(&self, facts: &Facts, id: &str) -> Fact<Attributes> {
        let s = &facts.scope;
        match self
            .get_channel_message(&s.channel_arn, id, &s.member_arn, None)
            .await
        {
            Ok(called) => {
                let mut attrs = Attributes::new();
                for (name, values) in called.value.attributes {
                    attrs.insert(name, values);
                }
                Fact::known(attrs, called.meta.request_id)
            }
            Err(err) => failed(err),
        }
    }

    async fn endpoints(&self, facts: &Facts) -> Fact<Vec<EndpointFact>> {
        match self.list_endpoints(&facts.scope.member_arn).await {
            Ok(called) => Fact::known(
                called.value.iter().map(endpoint_fact).collect(),
                called.meta.request_id,
            ),
            Err(err) => failed(err),
        }
    }

    async fn role(&self, facts: &Facts) -> Fact<Option<ServiceRole>> {
        match self.get_role(&facts.scope.account, SERVICE_ROLE_NAME).await {
            Ok(called) => Fact::known(Some(called.value), called.meta.request_id),
            Err(err) => absent(err),
        }
    }

    async fn app(&self, _: &Facts, app: &PinpointAppRef) -> Fact<Option<PinpointApp>> {
        match self.get_app(app).await {
            Ok(called) => Fact::known(Some(called.value), called.meta.request_id),
            Err(err) => absent(err),
        }
    }

    async fn channel(
        &self,
        _: &Facts,
        app: &PinpointAppRef,
        kind: PushChannelKind,
    ) -> Fact<Option<PushChannel>> {
        match self.get_push_channel(app, kind).await {
            Ok(called) => Fact::known(Some(called.value), called.meta.request_id),
            Err(err) => absent(err),
        }
    }

    async fn simulate(&self, facts: &Facts, app: &PinpointAppRef) -> Fact<Vec<SimulatedDecision>> {
        match self
            .simulate_send(&role_arn(&facts.scope.account), app)
            .await
        {
            Ok(called) => Fact::known(vec![called.value], called.meta.request_id),
            Err(err) => failed(err),
        }
    }

    async fn read_policies(&self, facts: &Facts) -> Fact<Vec<RolePolicy>> {
        match self
            .role_policies(&role_arn(&facts.scope.account), SERVICE_ROLE_NAME)
            .await
        {
            Ok(called) => Fact::known(called.value, called.meta.request_id),
            Err(err) => failed(err),
        }
    }

    async fn endpoint_resource(&self, facts: &Facts, endpoint_id: &str) -> Fact<Option<String>> {
        match self
            .describe_endpoint(&facts.scope.member_arn, endpoint_id)
            .await
        {
            Ok(called) => Fact::known(called.value.resource_arn, called.meta.request_id),
            Err(err) => failed(err),
        }
    }
}
