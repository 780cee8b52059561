/*
 * The task pane: gets a token that says who the user is, then asks the server (same origin) whom
 * that mailbox belongs to. On Microsoft 365 mailboxes the token is an Entra ID access token from
 * nested app authentication (MSAL.js); on-premises mailboxes, and hosts without nested app
 * authentication, give an Exchange identity token instead. Written as ES5 with XMLHttpRequest
 * because older Outlook versions on Windows still show add-ins in Internet Explorer 11 (where
 * MSAL.js does not load, and the Exchange path is used).
 */
(function () {
  "use strict";

  // How long Office.js may take to say that it runs in Outlook before the page says it does not.
  var OFFICE_TIMEOUT_MS = 5000;
  var REQUEST_TIMEOUT_MS = 30000;
  var API = "../api/";
  var PANELS = ["connecting", "linked", "sign-in", "problem"];
  // The fields of Microsoft's documented sample page, aud included (which that page never filled).
  var CLAIMS = ["msexchuid", "amurl", "uniqueID", "aud", "iss", "x5t", "nbf", "exp"];
  // An Entra ID access token's claims as the server reports them; names are shown, never trusted.
  var ENTRA_CLAIMS = [
    "kind", "uniqueID", "tid", "oid", "aud", "iss", "azp", "appid", "scp", "ver", "nbf", "exp",
    "name", "preferred_username"
  ];
  var PATHS = {
    entra: "Signed in with Microsoft 365 (nested app authentication).",
    exchange: "Identified by an Exchange identity token.",
    "sandbox-entra": "Sandbox: an Entra ID access token from the sandbox tenant.",
    "sandbox-exchange": "Sandbox: an Exchange identity token from the sandbox."
  };

  var token = null;
  var retry = null;
  // What the server said the task pane needs (GET /api/addin/config); null until it answered.
  var config = null;
  // The MSAL application, a promise, made once.
  var msalApp = null;
  // Why nested app authentication failed before the Exchange path was tried, for the user.
  var naaProblem = null;
  // Where a new token comes from: Outlook, or the server's sandbox once the user chose it.
  var renewToken = firstToken;

  function byId(id) {
    return document.getElementById(id);
  }

  function say(id, text) {
    var element = byId(id);
    element.textContent = text || "";
    element.hidden = !text;
  }

  function show(panel, notice) {
    for (var i = 0; i < PANELS.length; i++) {
      byId(PANELS[i]).hidden = PANELS[i] !== panel;
    }
    say("notice", notice);
  }

  function connecting(text) {
    byId("connecting-text").textContent = text;
    show("connecting");
  }

  /** A state the user cannot get past from here; some can be tried again. */
  function problem(title, detail, tryAgain) {
    byId("problem-title").textContent = title;
    byId("problem-detail").textContent = detail;
    retry = tryAgain || null;
    byId("retry").hidden = !retry;
    byId("sandbox-offer").hidden = true;
    byId("claims").hidden = true;
    show("problem");
  }

  function busy(button, text) {
    button.disabled = true;
    button.setAttribute("data-label", button.textContent);
    button.textContent = text;
  }

  function idle(button) {
    button.disabled = false;
    button.textContent = button.getAttribute("data-label") || button.textContent;
  }

  // ---- Outlook ----

  function start() {
    if (typeof window.Office === "undefined" || typeof window.Office.onReady !== "function") {
      problem(
        "Open this add-in in Outlook",
        "Office.js, Microsoft's add-in library, could not be loaded, so this page cannot talk to " +
          "Outlook. Open the add-in from Outlook, and make sure appsforoffice.microsoft.com is " +
          "reachable from your network."
      );
      offerSandbox();
      return;
    }
    var ready = false;
    var timer = window.setTimeout(function () {
      if (!ready) {
        notInOutlook();
      }
    }, OFFICE_TIMEOUT_MS);
    // A late answer still counts: a slow Outlook replaces the message below with the add-in,
    // unless the user has started the sandbox meanwhile.
    window.Office.onReady(function (info) {
      ready = true;
      window.clearTimeout(timer);
      if (renewToken === requestSandboxToken) {
        return;
      } else if (!info || info.host !== "Outlook") {
        notInOutlook();
      } else {
        connecting("Connecting to the server…");
        loadConfig(firstToken);
      }
    });
  }

  function loadConfig(done) {
    call("GET", "addin/config", null, function (reply) {
      config = reply.status === 200 && reply.body ? reply.body : null;
      done();
    });
  }

  /** Nested app authentication when this host and the server support it, else Exchange's token. */
  function firstToken() {
    naaProblem = null;
    if (naaSupported()) {
      requestEntraToken();
    } else if (hasIdentityTokens()) {
      requestToken();
    } else {
      problem(
        "This Outlook cannot identify you",
        "This version of Outlook supports neither Microsoft 365 sign-in for add-ins (nested app " +
          "authentication) nor Exchange identity tokens (getUserIdentityTokenAsync). Update " +
          "Outlook, or use Outlook on the web."
      );
    }
  }

  function entraEnabled() {
    return !!(config && config.entra && config.entra.enabled === true);
  }

  function naaSupported() {
    var context = window.Office.context;
    return !!(
      entraEnabled() &&
      window.msal &&
      typeof window.msal.createNestablePublicClientApplication === "function" &&
      context &&
      context.requirements &&
      typeof context.requirements.isSetSupported === "function" &&
      context.requirements.isSetSupported("NestedAppAuth", "1.1")
    );
  }

  function requestEntraToken() {
    connecting("Signing you in with Microsoft 365…");
    var request = { scopes: [config.entra.scope] };
    if (!msalApp) {
      msalApp = window.msal.createNestablePublicClientApplication({
        auth: { clientId: config.entra.clientId, authority: config.entra.authority }
      });
    }
    msalApp
      .then(function (app) {
        return app.acquireTokenSilent(request)["catch"](function (error) {
          if (error instanceof window.msal.InteractionRequiredAuthError) {
            return app.acquireTokenPopup(request);
          }
          throw error;
        });
      })
      .then(
        function (result) {
          if (!result || !result.accessToken) {
            throw { errorCode: "no_token" };
          }
          token = result.accessToken;
          showPath("entra");
          openSession();
        },
        function (error) {
          naaFailed(error || {});
        }
      )
      ["catch"](function (error) {
        naaFailed(error || {});
      });
  }

  function naaFailed(error) {
    var code = error.errorCode || error.name || "unknown";
    // MSAL.js's own popup says user_cancelled; Outlook's nested app authentication bridge, through
    // MSAL.js, says user_canceled.
    if (code === "user_cancelled" || code === "user_canceled") {
      problem(
        "You closed the sign-in window",
        "Microsoft 365 sign-in was cancelled, so the add-in does not know who you are yet. " +
          "Choose Try again and finish signing in.",
        requestEntraToken
      );
      return;
    }
    if (code !== "popup_window_error" && code !== "empty_window_error") {
      // A failed application stays failed: the next attempt makes a new one.
      msalApp = null;
    }
    naaProblem = naaExplanation(code);
    if (hasIdentityTokens()) {
      requestToken();
    } else {
      problem("Microsoft 365 could not sign you in", naaProblem, requestEntraToken);
    }
  }

  function naaExplanation(code) {
    if (code === "popup_window_error" || code === "empty_window_error") {
      return (
        "Outlook could not open the Microsoft 365 sign-in window (" + code + "). Allow pop-ups " +
        "for this add-in, then choose Try again."
      );
    }
    if (
      code === "consent_required" ||
      code === "interaction_required" ||
      code === "login_required" ||
      code === "interaction_in_progress"
    ) {
      return (
        "Microsoft 365 needs you to sign in or to consent to this add-in (" + code + "). " +
        "Choose Try again; if your organisation requires an administrator's consent, ask your " +
        "administrator to grant it."
      );
    }
    if (code === "no_network_connectivity" || code === "network_error") {
      return (
        "Microsoft 365 sign-in could not reach the network (" + code + "). Check your " +
        "connection and choose Try again."
      );
    }
    return (
      "Microsoft 365 sign-in failed (" + code + "). If this keeps happening, ask your " +
      "administrator to check the add-in's app registration in Entra ID (its redirect URI " +
      "brk-multihub://… and its exposed scope access_as_user)."
    );
  }

  function showPath(path) {
    byId("token-path").setAttribute("data-path", path);
    say("token-path", PATHS[path]);
  }

  function hasIdentityTokens() {
    var context = window.Office.context;
    return !!(
      context &&
      context.mailbox &&
      typeof context.mailbox.getUserIdentityTokenAsync === "function"
    );
  }

  function notInOutlook() {
    problem(
      "Open this add-in in Outlook",
      "This page is an Outlook add-in and was opened outside Outlook. It works only in Outlook's " +
        "task pane, where Outlook can tell it who you are."
    );
    offerSandbox();
  }

  function requestToken() {
    connecting("Asking Exchange who you are…");
    window.Office.context.mailbox.getUserIdentityTokenAsync(function (result) {
      if (result.status === "failed") {
        outlookFailed(result.error || {});
      } else {
        token = result.value;
        showPath("exchange");
        openSession();
      }
    });
  }

  function outlookFailed(error) {
    var reported = [error.name, error.code ? "code " + error.code : null]
      .filter(Boolean)
      .join(", ");
    if (naaProblem) {
      problem(
        "Neither Microsoft 365 nor Exchange could identify you",
        naaProblem +
          " Exchange gave no identity token either (Outlook reported " +
          (reported || "an error") +
          ").",
        firstToken
      );
    } else if (error.code === 9042) {
      problem(
        "Exchange refused to identify you to this add-in",
        "Outlook could not get an identity token for this add-in (Outlook reported " +
          reported +
          "). Exchange Online no longer issues these tokens; if your mailbox is in Microsoft " +
          "365, ask your administrator to turn on this add-in's Microsoft 365 sign-in.",
        renewToken
      );
    } else if (error.name === "GenericTokenError" || error.code === 9017 || error.code === 9018) {
      problem(
        "Exchange issued no identity token",
        "Your organisation's Exchange server did not give Outlook an identity token for this " +
          "add-in (Outlook reported " + reported + "). Exchange Online no longer issues these " +
          "tokens, and administrators can turn them off on Exchange Server. Ask your " +
          "administrator how to use this add-in with your mailbox.",
        renewToken
      );
    } else {
      problem(
        "Outlook could not identify you",
        "Outlook could not get your identity token from Exchange" +
          (error.message ? ": " + sentence(error.message) : ".") +
          (reported ? " (Outlook reported " + reported + ".)" : ""),
        renewToken
      );
    }
  }

  // ---- The server ----

  /** Calls the account API with the token; done receives {status, body, code, detail, retryAfter}. */
  function call(method, path, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, API + path);
    xhr.timeout = REQUEST_TIMEOUT_MS;
    if (token) {
      xhr.setRequestHeader("Authorization", "Bearer " + token);
    }
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    if (body) {
      xhr.setRequestHeader("Content-Type", "application/json");
    }
    xhr.onload = function () {
      var reply = { status: xhr.status, body: null, code: null, detail: null, retryAfter: null };
      if (/json/.test(xhr.getResponseHeader("Content-Type") || "")) {
        try {
          reply.body = JSON.parse(xhr.responseText);
        } catch (e) {
          reply.body = null;
        }
      }
      if (reply.body && xhr.status >= 400) {
        reply.code = reply.body.code || null;
        reply.detail = reply.body.detail || null;
      }
      reply.retryAfter = parseInt(xhr.getResponseHeader("Retry-After"), 10) || null;
      done(reply);
    };
    xhr.onerror = xhr.ontimeout = function () {
      done({ status: 0, body: null, code: null, detail: null, retryAfter: null });
    };
    xhr.send(body ? JSON.stringify(body) : null);
  }

  /** The readable sentence for a refusal: the server's own detail whenever it sent one. */
  function describe(reply) {
    if (reply.detail) {
      return sentence(reply.detail);
    }
    if (reply.status === 0) {
      return "The server cannot be reached. Check your network connection and try again.";
    }
    return "The server answered unexpectedly (HTTP " + reply.status + "). Try again later.";
  }

  function sentence(text) {
    return /[.!?]$/.test(text) ? text : text + ".";
  }

  function waitFor(seconds) {
    if (!seconds) {
      return "";
    }
    if (seconds < 60) {
      return " You can sign in again in " + seconds + (seconds === 1 ? " second." : " seconds.");
    }
    var minutes = Math.ceil(seconds / 60);
    return " You can sign in again in " + minutes + (minutes === 1 ? " minute." : " minutes.");
  }

  /** A refusal that no form on this page can fix: the token, the account or the server. */
  function refused(reply) {
    if (reply.status === 401) {
      problem(
        "Your identity could not be verified",
        "The server refused the " + tokenSource() + " issued: " + describe(reply),
        renewToken
      );
    } else if (reply.status === 0 || reply.status >= 500) {
      problem("The server is not available", describe(reply), renewToken);
    } else {
      problem("Something went wrong", describe(reply), renewToken);
    }
  }

  function tokenSource() {
    var path = byId("token-path").getAttribute("data-path") || "";
    if (path === "entra") {
      return "access token that Microsoft 365";
    }
    return path === "sandbox-entra" ? "access token that the sandbox" : "identity token that Exchange";
  }

  function openSession() {
    connecting("Looking up your account…");
    call("POST", "session", null, function (reply) {
      if (reply.status === 200 && reply.body) {
        showAccount(reply.body);
        showClaims();
      } else if (reply.code === "link_required") {
        showSignIn();
        showClaims();
      } else {
        refused(reply);
      }
    });
  }

  /** The token's claims, from the documented sample endpoint, which also verifies them. */
  function showClaims() {
    var shownFor = token;
    byId("claims").hidden = true;
    var unpack = "../IdentityTestService/UnpackTokenJSON";
    call("POST", unpack, { token: token, phoneNumbers: [] }, function (reply) {
      if (shownFor !== token || reply.status !== 200 || !reply.body || !reply.body.token) {
        return;
      }
      var rows = byId("claims-rows");
      var claims = reply.body.token;
      var names = claims.kind === "entra" ? ENTRA_CLAIMS : CLAIMS;
      while (rows.firstChild) {
        rows.removeChild(rows.firstChild);
      }
      for (var i = 0; i < names.length; i++) {
        if (claims.kind === "entra" && claims[names[i]] === undefined) {
          continue;
        }
        var row = document.createElement("tr");
        var name = document.createElement("th");
        var value = document.createElement("td");
        name.scope = "row";
        name.textContent = names[i];
        value.textContent = String(claims[names[i]]);
        value.id = "claim-" + names[i];
        row.appendChild(name);
        row.appendChild(value);
        rows.appendChild(row);
      }
      byId("claims").hidden = false;
    });
  }

  function showAccount(session, notice) {
    var account = session.account;
    byId("display-name").textContent = account.displayName || account.username;
    byId("username").textContent = account.username;
    byId("avatar").textContent = initials(account.displayName || account.username);
    var since = session.identity && Date.parse(session.identity.linkedAt);
    say(
      "linked-since",
      since
        ? "Linked since " +
            new Date(since).toLocaleDateString(undefined, {
              year: "numeric",
              month: "long",
              day: "numeric"
            }) +
            "."
        : ""
    );
    say("linked-error", "");
    show("linked", notice);
  }

  function initials(name) {
    var words = name.split(/[\s._@-]+/).filter(Boolean);
    var letters = words.length > 1 ? words[0].charAt(0) + words[1].charAt(0) : name.slice(0, 2);
    return letters.toUpperCase();
  }

  function showSignIn(notice) {
    say("sign-in-error", "");
    byId("sign-in-password").value = "";
    show("sign-in", notice);
    byId("sign-in-username").focus();
  }

  function signIn(event) {
    event.preventDefault();
    var submit = byId("sign-in-submit");
    var username = byId("sign-in-username").value.replace(/^\s+|\s+$/g, "");
    var password = byId("sign-in-password").value;
    if (submit.disabled) {
      return;
    }
    if (!username || !password) {
      say("sign-in-error", "Enter your username and your password.");
      byId(username ? "sign-in-password" : "sign-in-username").focus();
      return;
    }
    say("sign-in-error", "");
    busy(submit, "Signing in…");
    call("POST", "links", { username: username, password: password }, function (reply) {
      idle(submit);
      if ((reply.status === 201 || reply.status === 200) && reply.body) {
        byId("sign-in-password").value = "";
        showAccount(reply.body, "This mailbox is now linked to your account.");
      } else if (reply.code === "identity_already_linked") {
        openSession();
      } else if (isTokenProblem(reply)) {
        refused(reply);
      } else {
        byId("sign-in-password").value = "";
        say("sign-in-error", describe(reply) + waitFor(reply.retryAfter));
        byId("sign-in-password").focus();
      }
    });
  }

  function isTokenProblem(reply) {
    return (
      reply.status === 0 ||
      reply.status >= 500 ||
      (reply.status === 401 && reply.code !== "invalid_credentials")
    );
  }

  function unlink() {
    var button = byId("unlink");
    var username = byId("username").textContent;
    say("linked-error", "");
    busy(button, "Unlinking…");
    call("DELETE", "links/current", null, function (reply) {
      idle(button);
      if (reply.status === 204 || reply.code === "not_linked") {
        showSignIn(
          "This mailbox is no longer linked to " + username + ". Sign in to link it again."
        );
      } else if (isTokenProblem(reply)) {
        refused(reply);
      } else {
        say("linked-error", describe(reply));
      }
    });
  }

  // ---- The sandbox: the server plays Exchange, for trying the add-in outside Outlook ----

  /** Offers the sandbox below the "outside Outlook" message, if the server has it on. */
  function offerSandbox() {
    var message = byId("problem-detail").textContent;
    call("GET", "sandbox", null, function (reply) {
      var stillOutside = !byId("problem").hidden && byId("problem-detail").textContent === message;
      if (stillOutside && reply.status === 200 && reply.body && reply.body.enabled === true) {
        say("sandbox-error", "");
        byId("sandbox-offer").hidden = false;
        offerSandboxKinds();
      }
    });
  }

  /** The Entra path in the sandbox too, when the server accepts Entra tokens. */
  function offerSandboxKinds() {
    var offer = function () {
      byId("sandbox-kinds").hidden = !entraEnabled();
    };
    if (config) {
      offer();
    } else {
      loadConfig(offer);
    }
  }

  function sandboxKind() {
    var choices = byId("sandbox-offer").elements.kind;
    for (var i = 0; choices && i < choices.length; i++) {
      if (choices[i].checked && !byId("sandbox-kinds").hidden) {
        return choices[i].value;
      }
    }
    return "exchange";
  }

  function startSandbox(event) {
    event.preventDefault();
    var submit = byId("sandbox-start");
    var mailbox = byId("sandbox-mailbox").value.replace(/^\s+|\s+$/g, "");
    if (submit.disabled) {
      return;
    }
    if (!mailbox) {
      say("sandbox-error", "Enter a mailbox name, for example alice.");
      byId("sandbox-mailbox").focus();
      return;
    }
    var kind = sandboxKind();
    busy(submit, "Getting a token…");
    sandboxToken(mailbox, kind, function (reply) {
      idle(submit);
      if (reply.status === 200 && reply.body && reply.body.token) {
        useSandbox(mailbox, kind, reply.body.token);
      } else {
        say("sandbox-error", describe(reply));
        byId("sandbox-mailbox").focus();
      }
    });
  }

  function sandboxToken(mailbox, kind, done) {
    token = null;
    call("POST", "sandbox/tokens", { mailbox: mailbox, kind: kind }, done);
  }

  function useSandbox(mailbox, kind, sandboxIssued) {
    token = sandboxIssued;
    renewToken = requestSandboxToken;
    showPath("sandbox-" + kind);
    byId("sandbox-banner").setAttribute("data-mailbox", mailbox);
    byId("sandbox-banner").setAttribute("data-kind", kind);
    byId("sandbox-banner").hidden = false;
    openSession();
  }

  /** "Try again" in the sandbox: a fresh token for the same sandbox mailbox. */
  function requestSandboxToken() {
    var mailbox = byId("sandbox-banner").getAttribute("data-mailbox");
    var kind = byId("sandbox-banner").getAttribute("data-kind") || "exchange";
    connecting("Asking the sandbox who you are…");
    sandboxToken(mailbox, kind, function (reply) {
      if (reply.status === 200 && reply.body && reply.body.token) {
        useSandbox(mailbox, kind, reply.body.token);
      } else {
        problem("The sandbox gave no token", describe(reply), requestSandboxToken);
      }
    });
  }

  byId("sign-in-form").addEventListener("submit", signIn);
  byId("sandbox-offer").addEventListener("submit", startSandbox);
  byId("unlink").addEventListener("click", unlink);
  byId("retry").addEventListener("click", function () {
    if (retry) {
      retry();
    }
  });
  start();
})();
