// Imports metric history from a CSV file or pasted text, then reports what was written and which
// lines were refused.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import { CsvInput } from '@/components/ui/CsvInput';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { hasCode } from '@/lib/api/problem';
import { formatWhole } from '@/lib/format';
import { CSV_COLUMNS, useImportMetrics, type ImportMode, type ImportResult } from '../api/import-metrics';
import { ImportModeChoice } from '@/components/ui/ImportModeChoice';
import { RejectedRowsTable } from '@/components/ui/RejectedRowsTable';

function ImportSummary({ result }: { result: ImportResult }) {
  return (
    <Alert variant={result.rows_rejected > 0 ? 'warning' : 'success'} role="status">
      Wrote {formatWhole(result.rows_written)} {result.rows_written === 1 ? 'row' : 'rows'}
      {result.creators_created > 0 && `, added ${formatWhole(result.creators_created)} new creators`}
      {result.rows_rejected > 0 && `, rejected ${formatWhole(result.rows_rejected)}`}.
    </Alert>
  );
}

export function ImportMetricsDialog({ show, onClose }: { show: boolean; onClose: () => void }) {
  const importMutation = useImportMetrics();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');

  const close = () => {
    importMutation.reset();
    setCsv('');
    setFileName(null);
    onClose();
  };

  const rejection = hasCode(importMutation.error, 'import_rejected') ? importMutation.error : null;

  return (
    <FormDialog
      show={show}
      size="lg"
      title="Import metric history"
      submitLabel="Import"
      cancelLabel={importMutation.isSuccess ? 'Done' : 'Cancel'}
      pending={importMutation.isPending}
      onCancel={close}
      onSubmit={() => csv.trim() && importMutation.mutate({ csv, mode })}
    >
      <p>
        A CSV file with the header <code>{CSV_COLUMNS}</code>, one row per creator and moment. Dates may be{' '}
        <code>2026-11-02</code> or a full time such as <code>2026-11-02T09:30:00Z</code>. Creators not tracked yet are
        added.
      </p>
      <CsvInput
        idPrefix="import"
        placeholder={`${CSV_COLUMNS}\nmayabakes,2026-11-01,1200,80,45000,31`}
        csv={csv}
        fileName={fileName}
        onChange={(text, name) => {
          setCsv(text);
          setFileName(name);
        }}
      />
      <ImportModeChoice idPrefix="import-mode" unit="rows" mode={mode} onChange={setMode} />

      {importMutation.isSuccess && (
        <>
          <ImportSummary result={importMutation.data} />
          <RejectedRowsTable errors={importMutation.data.errors} />
        </>
      )}
      {rejection ? (
        <>
          <Alert variant="danger">{rejection.detail}</Alert>
          <RejectedRowsTable errors={rejection.errors} />
        </>
      ) : (
        <ProblemAlert error={importMutation.error} />
      )}
    </FormDialog>
  );
}
