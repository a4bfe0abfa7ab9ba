package io.foldersync.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import io.foldersync.settings.SettingsException;

/**
 * The ports of the HTTP servers the settings switch on (health and metrics), tried before the start. Vert.x reports a
 * port in use only in its log and Camel starts anyway, with no health endpoint, which a platform reads as a dead
 * instance: so a busy port is a usage error, named.
 */
final class HttpPorts {

    private static final String[] SERVERS = {"camel.server", "camel.management"};

    private HttpPorts() {
    }

    static void check(Properties settings) {
        Set<String> tried = new HashSet<>();
        for (String server : SERVERS) {
            if (!Boolean.parseBoolean(value(settings, server + ".enabled", "false"))) {
                continue;
            }
            String host = value(settings, server + ".host", "0.0.0.0");
            String port = value(settings, server + ".port", "8080");
            if (tried.add(host + ":" + port)) {
                tryBind(server, host, port);
            }
        }
    }

    private static void tryBind(String server, String host, String port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the server will: a port left in TIME_WAIT is free
            socket.bind(new InetSocketAddress(host, Integer.parseInt(port)));
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException(server + ".port " + port + " on " + host + " cannot be used (" + e.getMessage()
                    + "): stop what holds it, or choose another port (" + server + ".port)");
        }
    }

    /** A value, following one {{key}} placeholder such as the management server's {{camel.server.port}}. */
    private static String value(Properties settings, String key, String fallback) {
        String value = settings.getProperty(key, fallback).trim();
        if (value.startsWith("{{") && value.endsWith("}}")) {
            return value(settings, value.substring(2, value.length() - 2), fallback);
        }
        return value.isEmpty() ? fallback : value;
    }
}
