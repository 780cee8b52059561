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

  /** The page number, from 1. */
  public int number() {
    return first / size + 1;
  }

  public int pages() {
    return (int) Math.max(1, (total + size - 1) / size);
  }

  public boolean hasPrevious() {
    return first > 0;
  }

  public boolean hasNext() {
    return first + items.size() < total;
  }
}
