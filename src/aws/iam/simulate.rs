//! SimulatePrincipalPolicy: may the role perform
//! `mobiletargeting:SendMessages` on an app's `/messages` ARN. The
//! simulator reads the role's permission policies (not its trust policy).

use aws_sdk_iam::types::{EvaluationResult, Statement};

use crate::aws::Clients;
use crate::error::{CallError, ErrorKind};
use crate::model::{Called, EvalDecision, MatchedStatement, PinpointAppRef, SimulatedDecision};
use crate::operation::Operation;

use super::overrides;

/// The action Chime performs with the role for each push.
pub const SEND_MESSAGES: &str = "mobiletargeting:SendMessages";

impl Clients {
    /// Simulate `role_arn` performing `mobiletargeting:SendMessages` on
    /// `app`'s messages. A refusal (AccessDenied) is the caller's own IAM:
    /// read the role's policies instead.
    pub async fn simulate_send(
        &self,
        role_arn: &str,
        app: &PinpointAppRef,
    ) -> Result<Called<SimulatedDecision>, CallError> {
        let client = self.iam().await;
        let resource = app.messages_arn();
        let called = self
            .call(Operation::SimulatePrincipalPolicy, role_arn, |plan| {
                client
                    .simulate_principal_policy()
                    .policy_source_arn(role_arn)
                    .action_names(SEND_MESSAGES)
                    .resource_arns(&resource)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        let decision = called
            .value
            .evaluation_results()
            .iter()
            .find_map(|r| decision(r, &resource))
            .ok_or_else(|| {
                CallError::new(
                    Operation::SimulatePrincipalPolicy,
                    ErrorKind::MalformedResponse,
                )
                .with_detail(format!(
                    "the simulation returned no result for {SEND_MESSAGES} on {resource}"
                ))
            })?;
        Ok(Called {
            value: decision,
            meta: called.meta,
            region: called.region,
        })
    }
}

/// The decision for `resource`: the resource-specific one where the
/// simulator gives it, else the result's own.
fn decision(aws: &EvaluationResult, resource: &str) -> Option<SimulatedDecision> {
    if let Some(specific) = aws
        .resource_specific_results()
        .iter()
        .find(|r| r.eval_resource_name() == resource)
    {
        return Some(SimulatedDecision {
            action: aws.eval_action_name().to_string(),
            resource: resource.to_string(),
            decision: EvalDecision::from_wire(specific.eval_resource_decision().as_str()),
            matched_statements: specific
                .matched_statements()
                .iter()
                .map(statement)
                .collect(),
            missing_context_values: specific.missing_context_values().to_vec(),
        });
    }
    let named = aws.eval_resource_name();
    if named.is_some_and(|n| n != resource && n != "*") {
        return None;
    }
    Some(SimulatedDecision {
        action: aws.eval_action_name().to_string(),
        resource: resource.to_string(),
        decision: EvalDecision::from_wire(aws.eval_decision().as_str()),
        matched_statements: aws.matched_statements().iter().map(statement).collect(),
        missing_context_values: aws.missing_context_values().to_vec(),
    })
}

fn statement(aws: &Statement) -> MatchedStatement {
    MatchedStatement {
        source_policy_id: aws.source_policy_id().map(str::to_string),
        source_policy_type: aws.source_policy_type().map(|t| t.as_str().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_iam::types::{PolicyEvaluationDecisionType, ResourceSpecificResult};

    const RESOURCE: &str = "arn:aws:mobiletargeting:us-east-1:1:apps/p/messages";

    #[test]
    fn the_resource_specific_decision_wins() {
        let aws = EvaluationResult::builder()
            .eval_action_name(SEND_MESSAGES)
            .eval_resource_name(RESOURCE)
            .eval_decision(PolicyEvaluationDecisionType::Allowed)
            .resource_specific_results(
                ResourceSpecificResult::builder()
                    .eval_resource_name(RESOURCE)
                    .eval_resource_decision(PolicyEvaluationDecisionType::ExplicitDeny)
                    .matched_statements(Statement::builder().source_policy_id("deny-all").build())
                    .build()
                    .expect("complete"),
            )
            .build()
            .expect("complete");
        let found = decision(&aws, RESOURCE).expect("a decision");
        assert_eq!(found.decision, EvalDecision::ExplicitDeny);
        assert_eq!(
            found.matched_statements[0].source_policy_id.as_deref(),
            Some("deny-all")
        );
    }

    #[test]
    fn another_resource_is_not_this_app() {
        let aws = EvaluationResult::builder()
            .eval_action_name(SEND_MESSAGES)
            .eval_resource_name("arn:aws:mobiletargeting:us-east-1:1:apps/other/messages")
            .eval_decision(PolicyEvaluationDecisionType::ImplicitDeny)
            .missing_context_values("aws:SourceArn")
            .build()
            .expect("complete");
        assert_eq!(decision(&aws, RESOURCE), None);
        let star = EvaluationResult::builder()
            .eval_action_name(SEND_MESSAGES)
            .eval_decision(PolicyEvaluationDecisionType::ImplicitDeny)
            .missing_context_values("aws:SourceArn")
            .build()
            .expect("complete");
        let found = decision(&star, RESOURCE).expect("a decision");
        assert_eq!(found.decision, EvalDecision::ImplicitDeny);
        assert_eq!(found.missing_context_values, vec!["aws:SourceArn"]);
    }
}
