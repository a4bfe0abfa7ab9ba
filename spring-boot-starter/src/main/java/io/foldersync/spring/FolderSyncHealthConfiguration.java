package io.foldersync.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import io.foldersync.camel.MirrorPair;
import io.foldersync.observe.PairState;
import io.foldersync.settings.SyncPair;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The {@code folderSync} health contributor in the app's Actuator: one component per pair, up once a cycle completed
 * without errors while SOURCE is there, down with the reason otherwise, up and "standing by" where another instance
 * leads the pair; with the pair's cycles, index entries, repairs, errors and last cycle as details.
 */
@AutoConfiguration(after = FolderSyncAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(FolderSyncAutoConfiguration.FolderSyncPairs.class)
public class FolderSyncHealthConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("folderSync")
    public HealthContributor folderSyncHealthContributor(FolderSyncAutoConfiguration.FolderSyncPairs pairs,
                                                         CamelContext camel) {
        Map<String, HealthIndicator> byPair = new LinkedHashMap<>();
        for (SyncPair pair : pairs.pairs()) {
            byPair.put(pair.name(), () -> health(camel, pair.name()));
        }
        return CompositeHealthContributor.fromMap(byPair);
    }

    private static Health health(CamelContext camel, String pair) {
        PairState state = camel.getRegistry().lookupByNameAndType(MirrorPair.beanName(pair, "state"),
                PairState.class);
        if (state == null) {
            return Health.unknown().withDetail("reason", "not started yet").build();
        }
        Health.Builder health = switch (state.status()) {
            case UP -> Health.up();
            case DOWN -> Health.down();
            case STANDING_BY -> Health.up().withDetail("standing.by", true);
        };
        if (state.reason() != null) {
            health.withDetail("reason", state.reason());
        }
        return health.withDetails(state.details()).build();
    }
}
