package io.foldersync.camel;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The packaged route templates (folder-sync/routes/*.yaml on the class path, clear of an app's own routes/) and each pair's routes made from them, for a runtime
 * that does not collect them itself: Spring Boot, whose routes come from its own folders, and route tests. Camel Main
 * collects them as configured: the templates named in {@code camel.main.routes-include-pattern}, the pairs' routes from
 * the {@link PairRoutes} in its registry.
 */
public final class FolderSyncRoutes {

    /** The templates, in the order they are loaded. */
    public static final List<String> TEMPLATES = List.of("folder-sync/routes/apply.yaml",
            "folder-sync/routes/sync.yaml", "folder-sync/routes/prune.yaml", "folder-sync/routes/watch.yaml");

    private FolderSyncRoutes() {
    }

    /** What to add to a context once {@code FolderSyncConfiguration} has configured it: every template, then the pairs. */
    public static RoutesBuilder of(CamelContext context) throws Exception {
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        List<RoutesBuilder> templates = new ArrayList<>();
        for (String template : TEMPLATES) {
            Resource resource = ResourceHelper.resolveMandatoryResource(context, "classpath:" + template);
            templates.addAll(loader.findRoutesBuilders(resource));
        }
        RoutesBuilder pairs = context.getRegistry().lookupByNameAndType(PairRoutes.BEAN, RoutesBuilder.class);
        return new RouteBuilder() {
            @Override
            public void configure() {
                // everything is added below, templates first, as Camel Main does
            }

            @Override
            public void addRoutesToCamelContext(CamelContext camel) throws Exception {
                for (RoutesBuilder builder : templates) {
                    camel.addRoutes(builder);
                }
                camel.addRoutes(pairs);
                camel.addTemplatedRoutes(pairs);
            }
        };
    }
}
