// What a shared page says when its link's secret is refused: revoked, expired or copied incompletely.
export function LinkDoesNotWork() {
  return (
    <div className="text-center border rounded-3 py-5 px-3 bg-body-tertiary">
      <h1 className="h4">This link does not work</h1>
      <p className="text-body-secondary mb-0">
        It may have been revoked or have expired, or it was copied incompletely. Ask whoever shared it for a new one.
      </p>
    </div>
  );
}
