package io.cloudlab.readmodels.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/** Every projection this service runs: beans of {@link OperableProjection} and those of each {@link ProjectionSource}. */
@ApplicationScoped
public class Projections {

    private final Instance<OperableProjection> beans;
    private final Instance<ProjectionSource> sources;

    Projections(Instance<OperableProjection> beans, Instance<ProjectionSource> sources) {
        this.beans = beans;
        this.sources = sources;
    }

    public List<OperableProjection> all() {
        List<OperableProjection> all = new ArrayList<>();
        beans.forEach(all::add);
        sources.forEach(source -> all.addAll(source.projections()));
        return all;
    }
}
