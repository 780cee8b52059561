package dev.identitybridge.admin.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin pages' view-scoped state lives in the HTTP session, which the server replicates to the
 * other instances (the WAR is distributable): every field it holds must be Serializable, down to
 * the elements of its lists and pages. Injected beans are the container's serializable proxies.
 */
class SessionStateTest {

  @Test
  void everyViewScopedBeanHoldsOnlySerializableState() {
    List<String> problems = new ArrayList<>();
    int beans = 0;
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.identitybridge")) {
      Class<?> bean = type.reflect();
      if (!bean.isAnnotationPresent(ViewScoped.class)) {
        continue;
      }
      beans++;
      if (!Serializable.class.isAssignableFrom(bean)) {
        problems.add(bean.getSimpleName() + " is not Serializable");
      }
      for (Field field : bean.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers)
            || Modifier.isTransient(modifiers)
            || field.isAnnotationPresent(Inject.class)) {
          continue;
        }
        if (!serializable(field.getGenericType())) {
          problems.add(
              bean.getSimpleName() + "." + field.getName() + ": " + field.getGenericType());
        }
      }
    }
    assertThat(beans).as("view-scoped beans found").isPositive();
    assertThat(problems).isEmpty();
  }

  private static boolean serializable(Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      boolean container = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw);
      if (!container && !serializable(raw)) {
        return false;
      }
      for (Type argument : generic.getActualTypeArguments()) {
        if (!serializable(argument)) {
          return false;
        }
      }
      return true;
    }
    if (type instanceof Class<?> plain) {
      return plain.isPrimitive()
          || Serializable.class.isAssignableFrom(plain)
          || (plain.isArray() && serializable(plain.getComponentType()));
    }
    return false;
  }
}
