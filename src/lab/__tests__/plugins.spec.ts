import { unsupportedBelow } from '../plugins';

describe('unsupportedBelow', () => {
  it('names the oldest supported release of JupyterLab and Notebook when older', () => {
    expect(unsupportedBelow('JupyterLab', '4.1.8')).toBe('4.2.0');
    expect(unsupportedBelow('JupyterLab', '3.6.8')).toBe('4.2.0');
    expect(unsupportedBelow('Jupyter Notebook', '7.1.3')).toBe('7.2.0');
  });

  it('accepts the floor, later releases and pre-releases of them', () => {
    expect(unsupportedBelow('JupyterLab', '4.2.0')).toBeNull();
    expect(unsupportedBelow('JupyterLab', '4.2.5')).toBeNull();
    expect(unsupportedBelow('JupyterLab', '4.10.0')).toBeNull();
    expect(unsupportedBelow('JupyterLab', '4.7.0b3')).toBeNull();
    expect(unsupportedBelow('JupyterLab', '4.7.0-beta.3')).toBeNull();
    expect(unsupportedBelow('Jupyter Notebook', '7.6.5')).toBeNull();
  });

  it('does not judge other front ends', () => {
    expect(unsupportedBelow('Some Other App', '0.1.0')).toBeNull();
  });
});
