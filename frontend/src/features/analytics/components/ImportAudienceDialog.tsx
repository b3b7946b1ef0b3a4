// Imports audience profiles from a CSV file or pasted text, one share per line, then reports how
// many profiles were written and which lines were refused.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import { CsvInput } from '@/components/ui/CsvInput';
import { FormDialog } from '@/components/ui/FormDialog';
import { ImportModeChoice } from '@/components/ui/ImportModeChoice';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RejectedRowsTable } from '@/components/ui/RejectedRowsTable';
import { hasCode } from '@/lib/api/problem';
import { formatWhole } from '@/lib/format';
import { AUDIENCE_CSV_COLUMNS, useImportAudience, type AudienceImportMode } from '../api/import-audience';

export function ImportAudienceDialog({ show, onClose }: { show: boolean; onClose: () => void }) {
  const importMutation = useImportAudience();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [mode, setMode] = useState<AudienceImportMode>('all_or_nothing');

  const close = () => {
    importMutation.reset();
    setCsv('');
    setFileName(null);
    onClose();
  };
  const rejection = hasCode(importMutation.error, 'import_rejected') ? importMutation.error : null;
  const result = importMutation.data;

  return (
    <FormDialog
      show={show}
      size="lg"
      title="Import audience profiles"
      submitLabel="Import"
      cancelLabel={importMutation.isSuccess ? 'Done' : 'Cancel'}
      pending={importMutation.isPending}
      onCancel={close}
      onSubmit={() => csv.trim() && importMutation.mutate({ csv, mode })}
    >
      <p>
        A CSV file with the header <code>{AUDIENCE_CSV_COLUMNS}</code>, one share per line. <code>dimension</code> is{' '}
        <code>age</code>, <code>gender</code>, <code>country</code> or <code>language</code>; <code>share</code> is a
        fraction (0.41) or a percentage (41%). Lines with the same handle and time make one profile. The creators must
        already be in one of your lists.
      </p>
      <CsvInput
        idPrefix="audience-import"
        placeholder={`${AUDIENCE_CSV_COLUMNS}\nmayabakes,2026-11-01,500,country,US,0.6`}
        csv={csv}
        fileName={fileName}
        onChange={(text, name) => {
          setCsv(text);
          setFileName(name);
        }}
      />
      <ImportModeChoice idPrefix="audience-import-mode" unit="lines" mode={mode} onChange={setMode} />

      {result && (
        <>
          <Alert variant={result.rows_rejected > 0 ? 'warning' : 'success'} role="status">
            Wrote {formatWhole(result.profiles_written)} {result.profiles_written === 1 ? 'profile' : 'profiles'}
            {result.rows_rejected > 0 && `, rejected ${formatWhole(result.rows_rejected)} lines`}.
          </Alert>
          <RejectedRowsTable caption="Rejected lines" errors={result.errors} />
        </>
      )}
      {rejection ? (
        <>
          <Alert variant="danger">{rejection.detail}</Alert>
          <RejectedRowsTable caption="Rejected lines" errors={rejection.errors} />
        </>
      ) : (
        <ProblemAlert error={importMutation.error} />
      )}
    </FormDialog>
  );
}
