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
 * Kafka is unreachable and must come back to zero. {@code geoingest_outbox_refused}: events Kafka
 * refused for what they hold, set aside; any is worth an alert. Exposed by the services that run
 * the relay.
 */
@ApplicationScoped
public class OutboxMetrics implements MeterBinder {
    private static final String WAITING = "waiting";
    private static final String REFUSED = "refused";

    @Inject
    DataSource dataSource;

    @Inject
    OutboxConfig config;

    private DatabaseCounts unsent;

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!config.relayEnabled()) {
            return;
        }
        unsent = new DatabaseCounts(dataSource,
                "select '" + WAITING + "', count(*) from outbox where sent_at is null and refused_at is null"
                        + " union all select '" + REFUSED + "', count(*) from outbox where refused_at is not null",
                Duration.ofSeconds(5));
        Gauge.builder("geoingest.outbox.backlog", unsent, counts -> counts.count(WAITING))
                .description("Events in the outbox not yet published to Kafka")
                .register(registry);
        Gauge.builder("geoingest.outbox.refused", unsent, counts -> counts.count(REFUSED))
                .description("Events Kafka refused for what they hold, set aside in the outbox unsent")
                .register(registry);
    }
}
