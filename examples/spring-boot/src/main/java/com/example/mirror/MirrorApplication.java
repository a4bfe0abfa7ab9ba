package com.example.mirror;

import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * An app of its own, with a route of its own (files dropped into the inbox are logged and moved to .done, as Camel's
 * file consumer does), that also mirrors a folder: folder-sync's starter on the class path and the sync.* keys in
 * application.properties are all it takes. Where several instances run, a Camel cluster service makes one of them
 * lead each pair: here Camel's file-lock service on a folder they share, when app.cluster-folder names one.
 */
@SpringBootApplication
public class MirrorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MirrorApplication.class, args);
    }

    @Bean
    @ConditionalOnProperty("app.cluster-folder")
    CamelClusterService cluster(@Value("${app.cluster-folder}") String folder) {
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(folder);
        service.setAcquireLockDelay(1, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(500, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(2);
        return service;
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
