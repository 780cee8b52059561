package dev.identitybridge.config.control;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A MicroProfile {@link Config} over a map, with the application's defaults underneath, converting
 * as the servers do (strings, booleans, and any type with a static {@code parse} or {@code
 * valueOf}).
 */
public final class MapConfig implements Config {

  private final Map<String, String> values = new HashMap<>();

  public MapConfig(Map<String, String> values) {
    try (var defaults =
        MapConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      var properties = new java.util.Properties();
      properties.load(defaults);
      properties.forEach((key, value) -> this.values.put((String) key, (String) value));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    this.values.putAll(values);
  }

  /** The application's configuration with these values set. */
  public static Configuration configuration(Map<String, String> values) {
    return new Configuration(new MapConfig(values));
  }

  @Override
  public <T> T getValue(String name, Class<T> type) {
    return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
  }

  @Override
  public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (type == String.class) {
      return Optional.of(type.cast(value));
    }
    if (type == Boolean.class) {
      return Optional.of(type.cast(Boolean.valueOf(value)));
    }
    for (String factory : List.of("parse", "valueOf")) {
      try {
        return Optional.of(
            type.cast(type.getMethod(factory, CharSequence.class).invoke(null, value)));
      } catch (NoSuchMethodException e) {
        try {
          return Optional.of(type.cast(type.getMethod(factory, String.class).invoke(null, value)));
        } catch (NoSuchMethodException ignored) {
          // try the next factory
        } catch (IllegalAccessException | InvocationTargetException f) {
          throw new IllegalArgumentException(name + ": " + f.getCause(), f);
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalArgumentException(name + ": " + e.getCause(), e);
      }
    }
    throw new IllegalArgumentException("No conversion to " + type);
  }

  @Override
  public ConfigValue getConfigValue(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Iterable<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public Iterable<ConfigSource> getConfigSources() {
    return List.of();
  }

  @Override
  public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
    return Optional.empty();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    throw new UnsupportedOperationException();
  }
}
