package com.example.mirror;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An app of its own, with a route of its own (files dropped into the inbox are logged and moved to .done, as Camel's
 * file consumer does), that also mirrors a folder: folder-sync's starter on the class path and the sync.* keys in
 * application.properties are all it takes.
 */
@SpringBootApplication
public class MirrorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MirrorApplication.class, args);
    }

    @Bean
    RouteBuilder inbox() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:{{app.inbox}}?move=.done").routeId("inbox").log("received ${file:name}");
            }
        };
    }
}
