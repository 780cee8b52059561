package dev.identitybridge.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JPQL search of one entity, narrowed by whichever criteria are given, read a page at a time: the
 * number of matches and the page both come from the database, so it stays fast however many rows
 * there are. A page number outside the result gives its nearest page (see {@link Page#firstOf}).
 */
public final class PagedSearch<T> {

  private final EntityManager em;
  private final Class<T> type;
  private final String select;
  private final String entity;
  private final String alias;
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private PagedSearch(EntityManager em, Class<T> type, String select, String entity, String alias) {
    this.em = em;
    this.type = type;
    this.select = select;
    this.entity = entity;
    this.alias = alias;
  }

  /**
   * @param select what each row is: the alias, or a constructor expression over it
   * @param entity the entity's name
   * @param alias its identification variable in the conditions and the order
   */
  public static <T> PagedSearch<T> of(
      EntityManager em, Class<T> type, String select, String entity, String alias) {
    return new PagedSearch<>(em, type, select, entity, alias);
  }

  /** Adds the condition, which names the value {@code :parameter}, unless the value is null. */
  public PagedSearch<T> where(String condition, String parameter, Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(parameter, value);
    }
    return this;
  }

  /**
   * @param number the page wanted, from 1
   * @param orderBy the JPQL order, ending in a unique path so that pages never overlap
   */
  public Page<T> page(int number, int size, String orderBy) {
    String from =
        " from "
            + entity
            + " "
            + alias
            + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
    TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + from, Long.class);
    parameters.forEach(count::setParameter);
    long total = count.getSingleResult();
    int first = Page.firstOf(number, size, total);
    TypedQuery<T> rows = em.createQuery("select " + select + from + " order by " + orderBy, type);
    parameters.forEach(rows::setParameter);
    return new Page<>(
        rows.setFirstResult(first).setMaxResults(size).getResultList(), total, first, size);
  }
}
