package io.cloudlab.readmodels.projection;

import java.util.List;

/** A bean that runs projections it creates itself (one per document projection, say) rather than as beans. */
public interface ProjectionSource {
    List<OperableProjection> projections();
}
