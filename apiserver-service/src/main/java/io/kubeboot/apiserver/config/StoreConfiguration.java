package io.kubeboot.apiserver.config;

import io.kubeboot.store.RedisStore;
import io.kubeboot.store.Store;
import io.kubeboot.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Wires the store: an external Redis when configured, otherwise an embedded one with AOF (quick start). */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** The embedded Redis, present only when no Redis is configured; stopped with the context. */
    public record EmbeddedRedis(RedisServer server, int port) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.stop();
        }
    }

    @Bean(destroyMethod = "close")
    public EmbeddedRedisHolder embeddedRedis(StoreProperties props) throws IOException {
        if (!props.getUrl().isBlank() || !props.getClusterNodes().isEmpty()) {
            return new EmbeddedRedisHolder(null);
        }
        Path dir = Path.of(props.getEmbeddedDir()).toAbsolutePath();
        int port = props.getEmbeddedPort() > 0 ? props.getEmbeddedPort() : freePort();
        RedisServer server = EmbeddedRedisMain.start(port, dir);
        log.info("no Redis configured (KUBEBOOT_STORE_URL): started embedded Redis on 127.0.0.1:{} with AOF in {}", port, dir);
        return new EmbeddedRedisHolder(new EmbeddedRedis(server, port));
    }

    /** Holder so that the bean exists whether or not an embedded server runs. */
    public record EmbeddedRedisHolder(EmbeddedRedis redis) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    public Store store(StoreProperties props, EmbeddedRedisHolder embedded) {
        String url = embedded.redis() != null ? "redis://127.0.0.1:" + embedded.redis().port() : props.getUrl();
        return new RedisStore(new StoreSettings(url, props.getClusterNodes(), props.getPrefix(), props.getTimeout()));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
