//! GetRole: whether the role Chime sends with exists in the account the
//! credentials are for, its trust policy (decoded) and when it was last
//! used.

use aws_sdk_iam::types::Role;

use crate::aws::Clients;
use crate::error::CallError;
use crate::model::{Called, ServiceRole};
use crate::operation::Operation;

use super::{decode, overrides, role_arn};

impl Clients {
    /// GetRole `name`. IAM reads the role in the account of the
    /// credentials: `account` (the app instance's) only names the role
    /// for logs and errors; compare the answer's ARN with it.
    pub async fn get_role(
        &self,
        account: &str,
        name: &str,
    ) -> Result<Called<ServiceRole>, CallError> {
        let client = self.iam().await;
        let arn = format!("arn:aws:iam::{account}:role/{name}");
        let called = self
            .call(Operation::GetRole, &arn, |plan| {
                client
                    .get_role()
                    .role_name(name)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        let value = called.value.role().map_or_else(
            || ServiceRole {
                name: name.to_string(),
                arn: role_arn(account),
                path: String::new(),
                trust_policy: None,
                last_used: None,
                last_used_region: None,
                permissions_boundary_arn: None,
            },
            role,
        );
        Ok(Called {
            value,
            meta: called.meta,
            region: called.region,
        })
    }
}

fn role(aws: &Role) -> ServiceRole {
    let last_used = aws.role_last_used();
    ServiceRole {
        name: aws.role_name().to_string(),
        arn: aws.arn().to_string(),
        path: aws.path().to_string(),
        trust_policy: aws.assume_role_policy_document().map(decode),
        last_used: crate::aws::time(last_used.and_then(|u| u.last_used_date())),
        last_used_region: last_used.and_then(|u| u.region()).map(str::to_string),
        permissions_boundary_arn: aws
            .permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn())
            .map(str::to_string),
    }
}
