package dev.identitybridge.admin.boundary;

import dev.identitybridge.persistence.Page;

/**
 * The {@code page} view parameter of the paged lists, read as text so that whatever a URL says
 * gives a page that exists, and a message when it is not the one asked for.
 */
final class PageParameter {

  private static final int SHOWN_CHARACTERS = 20;

  private PageParameter() {}

  /** The page asked for: 1 when none; beyond the int range, the nearest int. */
  static int number(String page) {
    if (page == null || page.isBlank()) {
      return 1;
    }
    String text = page.strip();
    if (!text.matches("-?[0-9]+")) {
      return 1;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }
  }

  /** Says so at the top of the page when the page shown is not the one asked for. */
  static void explain(String page, Page<?> shown) {
    if (page == null || page.isBlank() || page.strip().equals(String.valueOf(shown.number()))) {
      return;
    }
    String asked = page.strip();
    if (asked.length() > SHOWN_CHARACTERS) {
      asked = asked.substring(0, SHOWN_CHARACTERS) + "…";
    }
    AdminMessages.refuse(
        null,
        "There is no page "
            + asked
            + "; this is page "
            + shown.number()
            + " of "
            + shown.pages()
            + ".");
  }
}
