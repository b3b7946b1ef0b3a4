"""A third-party tool's whole flow through a client generated from openapi.yaml, untouched.

A person registers and makes an API key once; from then on the tool uses nothing but the key:
it creates a list, adds creators, pushes their metric history and reads the dashboard back.

Usage: python flow.py BASE_URL   (with the generated `zzyzx_client` package importable)
"""

import sys
import uuid
from datetime import datetime, timedelta, timezone

from zzyzx_client import AuthenticatedClient, Client
from zzyzx_client.api.api_keys import create_key
from zzyzx_client.api.auth import register
from zzyzx_client.api.creators import get_history, write_metric_batch
from zzyzx_client.api.lists import add_item, create_list, delete_list, list_items, list_lists
from zzyzx_client.api.analytics import get_dashboard
from zzyzx_client.models import (
    AddItemRequest,
    CreateApiKeyRequest,
    CreateListRequest,
    MetricBatchInput,
    MetricPointInput,
    Problem,
    RegisterRequest,
    Scope,
    TokenDelivery,
)


def make_key(base_url: str) -> str:
    """The one step a person does: register, then make a key for the tool."""
    anonymous = Client(base_url=base_url)
    session = register.sync(
        client=anonymous,
        body=RegisterRequest(
            email=f"tool-owner-{uuid.uuid4().hex[:12]}@example.com",
            password="a long passphrase for the sync tool",
            display_name="Tool owner",
            refresh_token_delivery=TokenDelivery.BODY,
        ),
    )
    person = AuthenticatedClient(base_url=base_url, token=session.access_token)
    created = create_key.sync(
        client=person,
        body=CreateApiKeyRequest(
            name="Spreadsheet sync",
            scopes=[Scope.LISTSREAD, Scope.LISTSWRITE, Scope.CREATORSREAD, Scope.CREATORSWRITE],
        ),
    )
    assert created.secret.startswith("zz_"), created
    return created.secret


def run(base_url: str) -> None:
    tool = AuthenticatedClient(base_url=base_url, token=make_key(base_url))

    spring = create_list.sync(client=tool, body=CreateListRequest(name="Spring drop"))
    assert not isinstance(spring, Problem), spring
    handles = ["fresh.face", "gym.rat", "sewing.queen"]
    creators = {}
    for handle in handles:
        item = add_item.sync(client=tool, list_id=spring.id, body=AddItemRequest(handle=f"@{handle}"))
        assert not isinstance(item, Problem), item
        creators[handle] = item.creator.id

    today = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(minutes=1)
    for rank, handle in enumerate(handles):
        points = [
            MetricPointInput(
                captured_at=today - timedelta(days=29 - day),
                followers=10_000 * (rank + 1) + day * 100 * (rank + 1),
                following=300,
                likes=50_000 + day * 1_000,
                videos=40 + day // 3,
            )
            for day in range(30)
        ]
        written = write_metric_batch.sync(
            client=tool, creator_id=creators[handle], body=MetricBatchInput(points=points)
        )
        assert not isinstance(written, Problem), written
        assert written.written == 30, written

    history = get_history.sync(client=tool, creator_id=creators["gym.rat"])
    assert not isinstance(history, Problem), history
    assert len(history.points) == 30 and history.points[-1].followers == 20_000 + 29 * 200

    dashboard = get_dashboard.sync(client=tool, list_id=spring.id)
    assert not isinstance(dashboard, Problem), dashboard
    assert [row.creator.handle for row in dashboard.rows] == handles
    latest = {row.creator.handle: row.latest.followers for row in dashboard.rows}
    assert latest == {"fresh.face": 12_900, "gym.rat": 25_800, "sewing.queen": 38_700}, latest
    assert dashboard.totals.combined_followers == sum(latest.values())
    growth = dashboard.rows[0].summary.growth_7d
    assert growth.absolute == 700, growth

    items = list_items.sync(client=tool, list_id=spring.id, limit=2)
    assert len(items.items) == 2 and items.next_cursor, items
    assert [lst.name for lst in list_lists.sync(client=tool).items] == ["Spring drop"]

    # Managing keys takes a person: the key is refused with a problem the client understands.
    refused = create_key.sync_detailed(
        client=tool, body=CreateApiKeyRequest(name="escalation", scopes=[Scope.LISTSREAD])
    )
    assert refused.status_code == 403 and refused.parsed.code.value == "api_key_not_allowed", refused

    deleted = delete_list.sync_detailed(client=tool, list_id=spring.id)
    assert deleted.status_code == 204, deleted
    print("third-party client flow: ok (list, 3 creators, 90 metric points, dashboard, history, pages, refusal)")


if __name__ == "__main__":
    run(sys.argv[1])
