//! A role's permission policies, read when the simulation is refused:
//! inline ones (ListRolePolicies + GetRolePolicy) and attached managed
//! ones (ListAttachedRolePolicies + GetPolicy + GetPolicyVersion of the
//! default version), every document decoded. Reads run concurrently.

use std::time::{Duration, SystemTime};

use futures_util::future::try_join_all;

use crate::aws::Clients;
use crate::aws::paging;
use crate::error::{CallError, ErrorKind};
use crate::model::{CallMeta, Called, Page, PolicySource, RolePolicy};
use crate::operation::Operation;

use super::{decode, overrides};

const PAGE_SIZE: i32 = 100;

impl Clients {
    /// Every permission policy of the role `name` (whose ARN is
    /// `role_arn`), inline first, then attached, each in IAM's order.
    pub async fn role_policies(
        &self,
        role_arn: &str,
        name: &str,
    ) -> Result<Called<Vec<RolePolicy>>, CallError> {
        let (inline, attached) = futures_util::future::try_join(
            self.inline_policies(role_arn, name),
            self.attached_policies(role_arn, name),
        )
        .await?;
        let meta = merge(&[&inline.meta, &attached.meta]);
        let mut value = inline.value;
        value.extend(attached.value);
        Ok(Called {
            value,
            meta,
            region: inline.region,
        })
    }

    async fn inline_policies(
        &self,
        role_arn: &str,
        name: &str,
    ) -> Result<Called<Vec<RolePolicy>>, CallError> {
        let client = self.iam().await;
        let names = paging::all_pages(Operation::ListRolePolicies, |marker| async move {
            let called = self
                .call(Operation::ListRolePolicies, role_arn, |plan| {
                    client
                        .list_role_policies()
                        .role_name(name)
                        .max_items(PAGE_SIZE)
                        .set_marker(marker)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                })
                .await?;
            Ok(page(called, |out| {
                let items = out.policy_names().to_vec();
                (out.is_truncated(), out.marker().map(str::to_string), items)
            }))
        })
        .await?;
        let documents = try_join_all(names.value.iter().map(|policy| async move {
            let called = self
                .call(Operation::GetRolePolicy, role_arn, |plan| {
                    client
                        .get_role_policy()
                        .role_name(name)
                        .policy_name(policy)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                })
                .await?;
            Ok::<_, CallError>((
                RolePolicy {
                    source: PolicySource::Inline {
                        name: policy.clone(),
                    },
                    document: decode(called.value.policy_document()),
                },
                called.meta,
            ))
        }))
        .await?;
        Ok(collect(names, documents))
    }

    async fn attached_policies(
        &self,
        role_arn: &str,
        name: &str,
    ) -> Result<Called<Vec<RolePolicy>>, CallError> {
        let client = self.iam().await;
        let arns = paging::all_pages(Operation::ListAttachedRolePolicies, |marker| async move {
            let called = self
                .call(Operation::ListAttachedRolePolicies, role_arn, |plan| {
                    client
                        .list_attached_role_policies()
                        .role_name(name)
                        .max_items(PAGE_SIZE)
                        .set_marker(marker)
                        .customize()
                        .config_override(overrides(&plan))
                        .send()
                })
                .await?;
            Ok(page(called, |out| {
                let items = out
                    .attached_policies()
                    .iter()
                    .filter_map(|p| p.policy_arn().map(str::to_string))
                    .collect();
                (out.is_truncated(), out.marker().map(str::to_string), items)
            }))
        })
        .await?;
        let documents = try_join_all(arns.value.iter().map(|arn| self.managed_policy(arn))).await?;
        Ok(collect(arns, documents))
    }

    /// GetPolicy for the default version's id, then GetPolicyVersion for
    /// its document.
    async fn managed_policy(&self, arn: &str) -> Result<(RolePolicy, CallMeta), CallError> {
        let client = self.iam().await;
        let policy = self
            .call(Operation::GetPolicy, arn, |plan| {
                client
                    .get_policy()
                    .policy_arn(arn)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        let version_id = policy
            .value
            .policy()
            .and_then(|p| p.default_version_id())
            .map(str::to_string)
            .ok_or_else(|| {
                CallError::new(Operation::GetPolicy, ErrorKind::MalformedResponse)
                    .with_detail(format!("GetPolicy named no DefaultVersionId for {arn}"))
            })?;
        let version = self
            .call(Operation::GetPolicyVersion, arn, |plan| {
                client
                    .get_policy_version()
                    .policy_arn(arn)
                    .version_id(&version_id)
                    .customize()
                    .config_override(overrides(&plan))
                    .send()
            })
            .await?;
        let document = version
            .value
            .policy_version()
            .and_then(|v| v.document())
            .map(decode)
            .ok_or_else(|| {
                CallError::new(Operation::GetPolicyVersion, ErrorKind::MalformedResponse)
                    .with_detail(format!("GetPolicyVersion returned no document for {arn}"))
            })?;
        Ok((
            RolePolicy {
                source: PolicySource::Attached {
                    arn: arn.to_string(),
                    version_id,
                },
                document,
            },
            merge(&[&policy.meta, &version.meta]),
        ))
    }
}

/// One page of an IAM listing. IAM pages by `Marker`, and a marker counts
/// only while `IsTruncated` is true; `read` gives those two and the items.
fn page<O, T>(
    called: Called<O>,
    read: impl FnOnce(&O) -> (bool, Option<String>, Vec<T>),
) -> Called<Page<T>> {
    let (truncated, marker, items) = read(&called.value);
    Called {
        value: Page {
            items,
            next_token: marker.filter(|_| truncated),
        },
        meta: called.meta,
        region: called.region,
    }
}

fn collect<T>(
    listing: Called<Vec<T>>,
    read: Vec<(RolePolicy, CallMeta)>,
) -> Called<Vec<RolePolicy>> {
    let mut metas = vec![&listing.meta];
    metas.extend(read.iter().map(|(_, m)| m));
    let meta = merge(&metas);
    Called {
        value: read.into_iter().map(|(p, _)| p).collect(),
        meta,
        region: listing.region,
    }
}

/// Several calls as one: every attempt counted, the longest latency (they
/// ran concurrently or one after the other: the sum bounds it), the last
/// request id.
fn merge(metas: &[&CallMeta]) -> CallMeta {
    CallMeta {
        request_id: metas.iter().rev().find_map(|m| m.request_id.clone()),
        latency: metas
            .iter()
            .map(|m| m.latency)
            .max()
            .unwrap_or(Duration::ZERO),
        attempts: metas.iter().map(|m| m.attempts).sum(),
        fetched_at: metas
            .iter()
            .map(|m| m.fetched_at)
            .max()
            .unwrap_or_else(SystemTime::now),
    }
}
