import './base.css';
import './export.css';
