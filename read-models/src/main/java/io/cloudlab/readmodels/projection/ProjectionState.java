package io.cloudlab.readmodels.projection;

/**
 * @param version       the version readers read
 * @param building      the version a rebuild is filling, or null
 * @param checkpoint    the serving version's checkpoint ("transactionId:position")
 * @param lagEvents     committed events of its types it has not applied (counted up to a cap)
 * @param lagSeconds    age of the oldest of those, 0 when none
 * @param parked        events parked as poison
 * @param activeHere    whether this process is the instance applying events (one per platform)
 * @param buildingLagEvents how far the version being built is from caught up (its progress), null when none is
 * @param audit         the latest audit, running or ended; null when it was never audited
 */
public record ProjectionState(String name, String sink, int version, Integer building, String checkpoint,
        long lagEvents, double lagSeconds, long parked, boolean activeHere, Long buildingLagEvents,
        ProjectionAudits.AuditState audit) {

    public ProjectionState withAudit(ProjectionAudits.AuditState latest) {
        return new ProjectionState(name, sink, version, building, checkpoint, lagEvents, lagSeconds, parked, activeHere,
                buildingLagEvents, latest);
    }
}
