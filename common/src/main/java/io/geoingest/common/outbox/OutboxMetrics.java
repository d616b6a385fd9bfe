package io.geoingest.common.outbox;

import io.geoingest.common.metrics.DatabaseCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * {@code geoingest_outbox_backlog}: events written but not yet published to Kafka. It grows while
 * Kafka is unreachable and must come back to zero. Exposed by the services that run the relay.
 */
@ApplicationScoped
public class OutboxMetrics implements MeterBinder {
    private static final String ALL = "all";

    @Inject
    DataSource dataSource;

    @Inject
    OutboxConfig config;

    private DatabaseCounts backlog;

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!config.relayEnabled()) {
            return;
        }
        backlog = new DatabaseCounts(dataSource,
                "select '" + ALL + "', count(*) from outbox where sent_at is null", Duration.ofSeconds(5));
        Gauge.builder("geoingest.outbox.backlog", backlog, counts -> counts.count(ALL))
                .description("Events in the outbox not yet published to Kafka")
                .register(registry);
    }
}
