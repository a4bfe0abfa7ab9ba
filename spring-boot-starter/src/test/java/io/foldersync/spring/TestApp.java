package io.foldersync.spring;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** An app with a route of its own, a stock file: consumer that moves what it read to .done. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApp {

    @Bean
    RouteBuilder inbox() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:{{app.inbox}}?move=.done").routeId("inbox").to("mock:received");
            }
        };
    }
}
