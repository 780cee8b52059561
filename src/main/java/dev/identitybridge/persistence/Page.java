package dev.identitybridge.persistence;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a longer result, read from the database with its total.
 *
 * @param first the index of the first item in the whole result, from 0
 * @param size the most items a page holds
 */
public record Page<T>(List<T> items, long total, int first, int size) implements Serializable {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * Where page {@code number} (from 1) starts in a result of {@code total} items: a number below 1
   * gives the first page, a number past the last page the last one. Computed without overflow,
   * whatever number a request asks for.
   */
  public static int firstOf(int number, int size, long total) {
    long page = Math.min(Math.max(1, number), pages(total, size));
    return (int) Math.min((page - 1) * size, Integer.MAX_VALUE - (long) size);
  }

  private static long pages(long total, int size) {
    return Math.max(1, (total + size - 1) / size);
  }

  /** The page number, from 1. */
  public int number() {
    return first / size + 1;
  }

  public int pages() {
    return (int) Math.min(Integer.MAX_VALUE, pages(total, size));
  }

  public boolean hasPrevious() {
    return first > 0;
  }

  public boolean hasNext() {
    return first + items.size() < total;
  }
}
