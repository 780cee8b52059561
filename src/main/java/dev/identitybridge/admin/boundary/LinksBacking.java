package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.entity.IdentityLink;
import dev.identitybridge.accounts.entity.LinkRow;
import dev.identitybridge.accounts.entity.LinkSearch;
import dev.identitybridge.accounts.entity.UserAccount;
import dev.identitybridge.persistence.Page;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The identity links: search, sorting and paging in the database (the criteria are view parameters,
 * so every list is a bookmarkable GET), and unlinking after a confirmation.
 */
@Named
@ViewScoped
public class LinksBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 25;

  @Inject AccountLinks links;

  private String username;
  private String uniqueIdPrefix;
  private String realm;
  private LinkSearch.Order sort = LinkSearch.Order.CREATED;
  private boolean descending = true;
  private String page;
  private Page<LinkRow> result;
  private LinkRow pendingUnlink;

  /**
   * The view action: reads the page that the view parameters ask for. They come from a URL, so
   * anything may be in them: an over-long criterion shows a message instead of a list, a page
   * number that does not exist shows the nearest page that does.
   */
  public void load() {
    if (AdminMessages.withinLimit("username", username, UserAccount.USERNAME_LENGTH)
        && AdminMessages.withinLimit("uniqueID", uniqueIdPrefix, IdentityLink.UNIQUE_ID_LENGTH)
        && AdminMessages.withinLimit("realm", realm, IdentityLink.REALM_LENGTH)) {
      result =
          links.search(
              new LinkSearch(username, uniqueIdPrefix, realm, sort, descending),
              PageParameter.number(page),
              PAGE_SIZE);
      PageParameter.explain(page, result);
      page = String.valueOf(result.number());
    }
  }

  public String search() {
    page = null;
    return "links?faces-redirect=true&includeViewParams=true";
  }

  public String clear() {
    username = null;
    uniqueIdPrefix = null;
    realm = null;
    page = null;
    return "links?faces-redirect=true&includeViewParams=true";
  }

  public void confirmUnlink(LinkRow row) {
    pendingUnlink = row;
  }

  public void cancelUnlink() {
    pendingUnlink = null;
  }

  public String unlink() {
    LinkRow row = pendingUnlink;
    pendingUnlink = null;
    if (row == null) {
      AdminMessages.refuse(null, "No mailbox is chosen for unlinking; nothing was unlinked.");
      return null;
    }
    try {
      links.unlink(row.uniqueId(), AdminMessages.actor());
      return AdminMessages.doneThenShow(
          "links", "Unlinked the mailbox " + row.uniqueId() + " from " + row.username() + ".");
    } catch (AccountException e) {
      return AdminMessages.doneThenShow("links", "That mailbox was not linked any more.");
    }
  }

  public Page<LinkRow> getResult() {
    return result;
  }

  public LinkRow getPendingUnlink() {
    return pendingUnlink;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getUniqueIdPrefix() {
    return uniqueIdPrefix;
  }

  public void setUniqueIdPrefix(String uniqueIdPrefix) {
    this.uniqueIdPrefix = uniqueIdPrefix;
  }

  public String getRealm() {
    return realm;
  }

  public void setRealm(String realm) {
    this.realm = realm;
  }

  public LinkSearch.Order getSort() {
    return sort;
  }

  public void setSort(LinkSearch.Order sort) {
    this.sort = sort == null ? LinkSearch.Order.CREATED : sort;
  }

  public boolean isDescending() {
    return descending;
  }

  public void setDescending(boolean descending) {
    this.descending = descending;
  }

  /** The page shown (after {@link #load}), as the pager's links count from it. */
  public int getPageNumber() {
    return result == null ? 1 : result.number();
  }

  public String getPage() {
    return page;
  }

  public void setPage(String page) {
    this.page = page;
  }
}
