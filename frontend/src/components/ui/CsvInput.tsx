// Where an import's CSV comes from: a chosen file, or text pasted (or edited) in the box below it.
import Form from 'react-bootstrap/Form';

type Props = {
  /** Keeps the field ids unique when two dialogs are on one page. */
  idPrefix: string;
  /** An example file: the header and a line. */
  placeholder: string;
  csv: string;
  /** The chosen file's name, if the text came from one. */
  fileName: string | null;
  onChange: (csv: string, fileName: string | null) => void;
};

export function CsvInput({ idPrefix, placeholder, csv, fileName, onChange }: Props) {
  return (
    <>
      <Form.Group controlId={`${idPrefix}-file`} className="mb-3">
        <Form.Label>CSV file</Form.Label>
        <Form.Control
          type="file"
          accept=".csv,text/csv"
          onChange={async (event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (file) onChange(await file.text(), file.name);
          }}
        />
      </Form.Group>
      <Form.Group controlId={`${idPrefix}-text`} className="mb-3">
        <Form.Label>{fileName ? `Contents of ${fileName}` : 'Or paste the CSV here'}</Form.Label>
        <Form.Control
          as="textarea"
          rows={6}
          className="font-monospace small"
          spellCheck={false}
          placeholder={placeholder}
          value={csv}
          onChange={(event) => onChange(event.target.value, fileName)}
        />
      </Form.Group>
    </>
  );
}
