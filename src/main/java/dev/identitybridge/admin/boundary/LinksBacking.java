package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.AccountLinks;
import dev.identitybridge.accounts.entity.LinkRow;
import dev.identitybridge.accounts.entity.LinkSearch;
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
  private int page = 1;
  private Page<LinkRow> result;
  private LinkRow pendingUnlink;

  /** The view action: reads the page that the view parameters ask for. */
  public void load() {
    page = Math.max(1, page);
    result =
        links.search(
            new LinkSearch(username, uniqueIdPrefix, realm, sort, descending),
            (page - 1) * PAGE_SIZE,
            PAGE_SIZE);
  }

  public String search() {
    page = 1;
    return "links?faces-redirect=true&includeViewParams=true";
  }

  public String clear() {
    username = null;
    uniqueIdPrefix = null;
    realm = null;
    page = 1;
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

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }
}
