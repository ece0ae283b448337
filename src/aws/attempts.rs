//! Count attempts per call: the SDK retries internally and does not report
//! how many tries a result took, which matters when explaining throttling.
//! The last response's HTTP status is kept too: a successful output does
//! not carry it, and an answer that lacks what it promises names it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

#[derive(Debug, Clone, Default)]
pub struct AttemptCounter {
    attempts: Arc<AtomicU32>,
    /// The last response's status; 0 before any arrived.
    status: Arc<AtomicU32>,
}

impl AttemptCounter {
    pub fn get(&self) -> u32 {
        self.attempts.load(Ordering::Relaxed)
    }

    /// The HTTP status of the last response, if one arrived.
    pub fn last_status(&self) -> Option<u16> {
        u16::try_from(self.status.load(Ordering::Relaxed))
            .ok()
            .filter(|s| *s != 0)
    }
}

impl Intercept for AttemptCounter {
    fn name(&self) -> &'static str {
        "chime-prefs attempt counter"
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let status = u32::from(context.response().status().as_u16());
        self.status.store(status, Ordering::Relaxed);
        Ok(())
    }
}
