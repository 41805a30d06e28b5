"""Writes: PUT /me, the preference POSTs, workspace preferences; each documented 400."""

from __future__ import annotations

import pytest

# -- PUT /me --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_put_me_updates_only_named_fields(api):
    before = (await api.get("/me")).json()
    reply = await api.put(
        "/me",
        json={"fullname": "Ada King", "beginning_of_week": 3, "timezone": "Asia/Tokyo", "x": 1},
    )
    assert reply.status == 200
    updated = reply.json()
    assert (updated["fullname"], updated["beginning_of_week"], updated["timezone"]) == (
        "Ada King",
        3,
        "Asia/Tokyo",
    )
    assert "x" not in updated
    assert "projects" not in updated
    assert updated["updated_at"] != before["updated_at"]
    assert updated["at"] != before["at"]
    unchanged = {"email", "country_id", "default_workspace_id", "api_token", "created_at"}
    assert {key: updated[key] for key in unchanged} == {key: before[key] for key in unchanged}
    assert (await api.get("/me")).json() == updated
    other = (await api.get("/me", account=1)).json()
    assert other["fullname"] != "Ada King"


@pytest.mark.asyncio
async def test_put_me_changes_email_and_password_for_basic_auth(api):
    account = api.fake.accounts[0]
    old_password = account.password
    reply = await api.put(
        "/me",
        json={
            "email": "countess@example.org",
            "current_password": old_password,
            "password": "analytical-engine",
        },
    )
    assert reply.status == 200
    assert account.email == "countess@example.org"
    old = await api.get(
        "/me", account=None, headers=api.basic("countess@example.org", old_password)
    )
    assert old.status == 403
    new = await api.get(
        "/me", account=None, headers=api.basic("Countess@Example.org", "analytical-engine")
    )
    assert new.status == 200
    assert (await api.get("/me")).status == 200  # the token still works


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"beginning_of_week": 7}, "Invalid beginning_of_week"),
        ({"beginning_of_week": "1"}, "Invalid beginning_of_week"),
        ({"country_id": 0}, "Invalid country_id"),
        ({"country_id": True}, "Invalid country_id"),
        ({"default_workspace_id": 1}, "Invalid default_workspace_id"),
        ({"email": "not-an-email"}, "Invalid email"),
        ({"email": "GRACE.hopper@example.com"}, "user with this email already exists"),
        ({"fullname": "  "}, "Invalid fullname"),
        ({"timezone": "Mars/Olympus_Mons"}, "Invalid timezone"),
        ({"password": "new-secret"}, "Current password must be present to change password"),
        (
            {"password": "new-secret", "current_password": "wrong"},
            "Current password is not valid",
        ),
        (
            {"password": "short", "current_password": "CURRENT"},
            "Password should be at least 6 characters",
        ),
        ([1, 2], "Missing data"),
    ],
)
async def test_put_me_rejections(api, body, message):
    if isinstance(body, dict) and body.get("current_password") == "CURRENT":
        body["current_password"] = api.fake.accounts[0].password
    before = (await api.get("/me")).json()
    reply = await api.put("/me", json=body)
    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.json() == message
    assert (await api.get("/me")).json() == before


@pytest.mark.asyncio
async def test_put_me_accepts_another_own_workspace(api):
    second = api.fake.accounts[0].workspace_ids[1]
    reply = await api.put("/me", json={"default_workspace_id": second, "country_id": 99})
    assert (reply.json()["default_workspace_id"], reply.json()["country_id"]) == (second, 99)


# -- /me/preferences ------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_preferences_have_mixed_key_cases_and_nested_shapes(api):
    prefs = (await api.get("/me/preferences")).json()
    assert {"date_format", "collapseTimeEntries", "toSAcceptNeeded", "BeginningOfWeek"} <= set(
        prefs
    )
    assert {"displayDensity", "timeofday_format"} & prefs.keys()
    features = prefs["alpha_features"]
    assert all({"alpha_feature_id", "code", "enabled"} <= f.keys() for f in features)
    assert any("description" in f for f in features)
    assert any("description" not in f for f in features)
    shortcut = prefs["macos_stop_continue_keyboard_shortcut"]
    assert set(shortcut) == {"key", "modifiers"}
    rules = prefs["macos_auto_tracking_rules"]
    assert rules
    assert all(set(rule) == {"id", "keyword", "project_id", "task_id"} for rule in rules)


@pytest.mark.asyncio
async def test_post_preferences_is_partial_and_answers_empty(api):
    before = (await api.get("/me/preferences")).json()
    feature = before["alpha_features"][0]
    body = {
        "date_format": "DD.MM.YYYY",
        "collapseTimeEntries": not before["collapseTimeEntries"],
        "BeginningOfWeek": 6,
        "alpha_features": [{"code": feature["code"], "enabled": not feature["enabled"]}],
        "not_a_preference": 1,
    }
    reply = await api.post("/me/preferences", json=body)
    assert (reply.status, reply.body) == (200, b"")
    after = (await api.get("/me/preferences")).json()
    expected = before | {key: body[key] for key in ("date_format", "collapseTimeEntries")}
    expected["BeginningOfWeek"] = 6
    expected["alpha_features"] = [
        dict(feature, enabled=not feature["enabled"]),
        *before["alpha_features"][1:],
    ]
    assert after == expected
    by_id = [{"alpha_feature_id": feature["alpha_feature_id"], "enabled": feature["enabled"]}]
    assert (await api.post("/me/preferences", json={"alpha_features": by_id})).status == 200
    assert (await api.get("/me/preferences")).json()["alpha_features"] == before["alpha_features"]


@pytest.mark.asyncio
async def test_client_preferences_start_as_a_copy_then_diverge(api):
    user = (await api.get("/me/preferences")).json()
    assert (await api.get("/me/preferences/desktop")).json() == user
    assert (await api.post("/me/preferences/desktop", json={"timeofday_format": "h:mm A"})).status
    desktop = (await api.get("/me/preferences/desktop", params={"since": "0"})).json()
    assert desktop == user | {"timeofday_format": "h:mm A"}
    assert (await api.get("/me/preferences")).json() == user
    assert (await api.get("/me/preferences/web")).json() == user
    await api.post("/me/preferences", json={"theme": "light"})
    assert (await api.get("/me/preferences/desktop")).json()["theme"] == user["theme"]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/me/preferences", "/me/preferences/web"])
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Missing data"),
        ([{"date_format": "YYYY-MM-DD"}], "Missing data"),
        ({"toSAcceptNeeded": False}, "Cannot set value for ToSAcceptNeeded"),
        ({"date_format": "YYYY/DD/MM"}, "Value in date_format is invalid"),
        ({"timeofday_format": "HH:mm:ss"}, "Value in timeofday_format is invalid"),
        ({"alpha_features": [{"code": "no_such_feature", "enabled": True}]},
         "Invalid feature code(s)"),
        ({"alpha_features": [{"alpha_feature_id": 999_999, "enabled": True}]},
         "Invalid feature code(s)"),
        ({"alpha_features": {"code": "goals"}}, "Invalid feature code(s)"),
    ],
)  # fmt: skip
async def test_post_preferences_rejections(api, path, body, message):
    before = (await api.get(path)).json()
    reply = await api.post(path, json=body)
    assert (reply.status, reply.json()) == (400, message)
    assert (await api.get(path)).json() == before


@pytest.mark.asyncio
async def test_unknown_preferences_client(api):
    for method in ("GET", "POST"):
        reply = await api.call(method, "/me/preferences/toaster", json={"theme": "dark"})
        assert (reply.status, reply.json()) == (400, "Unknown client.")


# -- /workspaces/{id}/preferences -----------------------------------------------------------

WORKSPACE_PREFERENCE_KEYS = {
    "hide_start_end_times", "report_locked_at", "single_sign_on", "sso_requested_at",
    "inc_tos_accepted_at", "inc_tos_accepted_by", "initial_pricing_plan", "master_signup",
    "logo", "annual-master-campaign-2018", "january-2018-campaign",
}  # fmt: skip


@pytest.mark.asyncio
async def test_workspace_preferences_read_and_partial_write(api):
    wid = api.fake.accounts[0].workspace_ids[0]
    path = f"/workspaces/{wid}/preferences"
    before = (await api.get(path)).json()
    assert set(before) == WORKSPACE_PREFERENCE_KEYS
    change = {"hide_start_end_times": True, "report_locked_at": "2026-09-01T00:00:00Z"}
    reply = await api.post(path, json=change)
    assert (reply.status, reply.json()) == (200, before | change)
    assert (await api.get(path)).json() == before | change
    workspaces = (await api.get("/me/workspaces")).json()
    assert next(ws for ws in workspaces if ws["id"] == wid)["hide_start_end_times"] is True


@pytest.mark.asyncio
async def test_workspace_preferences_errors(api):
    own, not_admin = api.fake.accounts[0].workspace_ids[:2]
    someone_elses = api.fake.accounts[1].workspace_ids[0]
    cases = [
        ("GET", 999, None, 400, "Workspace not found"),
        ("POST", 999, {"master_signup": True}, 400, "Workspace not found"),
        ("GET", someone_elses, None, 403, "User does not have access to this resource"),
        ("POST", own, {"logo": "x.png"}, 400, "The field is not writable"),
        ("POST", own, {"admin": True}, 400, "The field is not writable"),
        ("POST", not_admin, {"master_signup": True}, 400, "Admin permissions required"),
    ]
    for method, wid, body, status, message in cases:
        reply = await api.call(method, f"/workspaces/{wid}/preferences", json=body)
        assert (reply.status, reply.json()) == (status, message), (method, wid, body)
    assert (await api.get(f"/workspaces/{not_admin}/preferences")).status == 200
