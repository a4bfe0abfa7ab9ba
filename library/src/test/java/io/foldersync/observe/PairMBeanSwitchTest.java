package io.foldersync.observe;

import java.lang.management.ManagementFactory;
import java.util.Properties;

import javax.management.ObjectName;

import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** camel.main.jmx-enabled=false, as a one-shot run of our command line has it: the pair registers no MBean. */
class PairMBeanSwitchTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("camel.main.jmx-enabled", "false");
    }

    @Test
    void withJmxOffThePairRegistersNoMBean() throws Exception {
        Trees.write(source, "a.txt", "a");

        assertEquals(1, cycle().copied());
        assertTrue(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("io.foldersync:context="
                + ObjectName.quote(context.getName()) + ",type=SyncPair,*"), null).isEmpty());
    }
}
